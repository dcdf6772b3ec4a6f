// For the page that embeds a list or a story of the site (optional): fits each frame marked
// data-tdkt-nhung to the height its view reports. The message is trusted for one thing only, a
// height, and only from the window inside that very frame; without this script the frame keeps
// the height its code gives and the view scrolls inside it.
(function () {
  "use strict";
  if (window.tdktNhungKhung) return;
  window.tdktNhungKhung = true;
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || data.tdktNhung !== 1 || typeof data.height !== "number" || !isFinite(data.height)) return;
    var frames = document.querySelectorAll("iframe[data-tdkt-nhung]");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        frames[i].style.height = Math.max(80, Math.min(20000, Math.round(data.height))) + 2 + "px";
      }
    }
  });
})();

// The embedded view's own script (site/embeds.py): tells the page that frames it how tall it is,
// whenever that changes, so that page's nhung-khung.js can fit the frame. Sends a number only.
(function () {
  "use strict";
  if (window.parent === window) return;
  var last = 0;
  function send() {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ tdktNhung: 1, height: height }, "*");
  }
  window.addEventListener("load", send);
  if (window.ResizeObserver) new ResizeObserver(send).observe(document.documentElement);
  else window.addEventListener("resize", send);
  send();
})();

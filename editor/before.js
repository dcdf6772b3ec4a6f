/*
 * Loaded before Decap's bundle: Decap starts by itself as soon as its bundle runs, fetching its
 * configuration while the browser is still fetching the scripts after it, so on a fast server
 * it could draw the page before editor.js had registered the Vietnamese strings (seen: "Add văn
 * bản" on one load in three). It waits instead, and start.js, loaded last, starts it.
 */
window.CMS_MANUAL_INIT = true;

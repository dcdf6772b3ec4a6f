/*
 * Loaded last: every string, widget and check is registered, so Decap starts now (before.js
 * told it to wait). Without Decap's bundle there is nothing to start.
 */
if (window.CMS && typeof window.CMS.init === 'function') window.CMS.init();

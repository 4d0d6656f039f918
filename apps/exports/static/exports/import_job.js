// Import job card: poll the JSON status while the job is queued or running, move the bar,
// and reload the page once it has finished (the page then shows the preview or the result).
// Without JavaScript the card refreshes itself (see its <noscript> block).
(function () {
  "use strict";
  var box = document.querySelector("[data-import-job]");
  if (!box) { return; }
  var url = box.getAttribute("data-status-url");
  var interval = parseInt(box.getAttribute("data-poll-interval"), 10) || 1500;
  var failures = 0;

  function text(selector, value) {
    var el = box.querySelector(selector);
    if (el) { el.textContent = value; }
  }

  function render(job) {
    var bar = box.querySelector("[data-job-progress]");
    if (bar) { bar.value = job.percent; bar.textContent = job.percent + "%"; }
    text("[data-job-percent]", job.percent + "%");
    text("[data-job-rows-done]", job.rows_done);
    if (job.rows_total !== null) { text("[data-job-rows-total]", job.rows_total); }
  }

  function poll() {
    var request = new XMLHttpRequest();
    request.open("GET", url);
    request.setRequestHeader("Accept", "application/json");
    request.onload = function () {
      if (request.status !== 200) { return retry(); }
      failures = 0;
      var job = JSON.parse(request.responseText);
      if (job.finished || job.status !== box.getAttribute("data-status")) {
        window.location.reload();
        return;
      }
      render(job);
      window.setTimeout(poll, interval);
    };
    request.onerror = retry;
    request.send();
  }

  function retry() {
    // A dropped connection or a restarting server: back off, and stop after a while.
    failures += 1;
    if (failures < 10) { window.setTimeout(poll, interval * (failures + 1)); }
  }

  var status = box.getAttribute("data-status");
  if (status === "queued" || status === "running") { window.setTimeout(poll, interval); }
})();

// Background job cards: poll the JSON status while the job is queued or running and move the
// bar. An export's page then shows its download link; an import's card reloads the page once
// the job has finished or changed phase (the page then shows the preview or the result).
// Without JavaScript the page refreshes itself (see the <noscript> block).
(function () {
  "use strict";
  var box = document.querySelector("[data-export-job], [data-import-job]");
  if (!box) { return; }
  var reloads = box.hasAttribute("data-import-job");
  var url = box.getAttribute("data-status-url");
  var interval = parseInt(box.getAttribute("data-poll-interval"), 10) || 1500;
  var failures = 0;

  function show(selector, visible) {
    var el = box.querySelector(selector);
    if (el) { el.hidden = !visible; }
  }

  function text(selector, value) {
    var el = box.querySelector(selector);
    if (el) { el.textContent = value; }
  }

  function render(job) {
    box.setAttribute("data-status", job.status);
    var bar = box.querySelector("[data-job-progress]");
    if (bar) { bar.value = job.percent; bar.textContent = job.percent + "%"; }
    text("[data-job-percent]", job.percent + "%");
    text("[data-job-status-label]", job.status_label);
    text("[data-job-rows-done]", job.rows_done);
    if (job.rows_total !== null) { text("[data-job-rows-total]", job.rows_total); }
    if (job.download_url) {
      var link = box.querySelector("[data-download-link]");
      if (link) { link.href = job.download_url; }
    }
    show("[data-job-download]", job.status === "done");
    show("[data-job-failed]", job.status === "failed");
  }

  function poll() {
    var request = new XMLHttpRequest();
    request.open("GET", url);
    request.setRequestHeader("Accept", "application/json");
    request.onload = function () {
      if (request.status !== 200) { return retry(); }
      failures = 0;
      var job = JSON.parse(request.responseText);
      if (reloads && (job.finished || job.status !== box.getAttribute("data-status"))) {
        window.location.reload();
        return;
      }
      render(job);
      if (!job.finished) { window.setTimeout(poll, interval); }
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

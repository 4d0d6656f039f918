// Draws each chart that templates/core/_chart.html rendered, with the vendored Apache
// ECharts (static/vendor/echarts), from the JSON data element beside it: no inline script,
// nothing fetched. Without JavaScript, or without ECharts, nothing happens and the heading,
// the summary and the open table are the chart.
(function () {
  "use strict";
  // Linked twice by mistake: draw once.
  if (window.portalChartsLoaded) { return; }
  window.portalChartsLoaded = true;

  var PHONE_MAX_WIDTH = 699;  // the stylesheets' first breakpoint is 700 px
  var FALLBACK_PALETTE = ["#c8161d", "#5b636b", "#9e1016", "#b7bec6", "#1f2328", "#e58a8e"];
  var PATTERN = "rgba(0, 0, 0, 0.22)";
  // The first series plain, the others patterned (ECharts' own patterns, after the first).
  var DECALS = [
    { symbol: "none" },
    { color: PATTERN, symbol: "circle", dashArrayX: [[8, 8], [0, 8, 8, 0]], dashArrayY: [6, 0], symbolSize: 0.8 },
    { color: PATTERN, dashArrayX: [1, 0], dashArrayY: [4, 3], rotation: -Math.PI / 4 },
    { color: PATTERN, dashArrayX: [[6, 6], [0, 6, 6, 0]], dashArrayY: [6, 0] },
    { color: PATTERN, dashArrayX: [[1, 0], [1, 6]], dashArrayY: [1, 0, 6, 0], rotation: Math.PI / 4 },
    { color: PATTERN, symbol: "triangle", dashArrayX: [[9, 9], [0, 9, 9, 0]], dashArrayY: [7, 2], symbolSize: 0.75 }
  ];
  var drawn = [];

  function cssVar(name, fallback) {
    var value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    return value || fallback;
  }

  // Colours come from static/css/charts.css (the portal's red and greys), so one place says them.
  function theme() {
    return {
      palette: FALLBACK_PALETTE.map(function (fallback, i) {
        return cssVar("--chart-" + (i + 1), fallback);
      }),
      text: cssVar("--chart-text", "#1f2328"),
      axis: cssVar("--chart-axis", "#5b636b"),
      grid: cssVar("--chart-grid", "#d9dde1"),
      font: getComputedStyle(document.body).fontFamily
    };
  }

  function numbers(series) {
    // Money arrives as its exact "1234.50" string; a Number is only used to draw it.
    return series.values.map(Number);
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  // Tooltips are DOM nodes with classes, not HTML strings: no inline style for the CSP, and
  // the texts are the table's own.
  function tooltipFormatter(data) {
    return function (params) {
      var list = Array.isArray(params) ? params : [params];
      if (!list.length) { return ""; }
      var box = element("div", "chart-tooltip");
      box.appendChild(element("div", "chart-tooltip-title", data.categories[list[0].dataIndex]));
      list.forEach(function (item) {
        var series = data.series[item.seriesIndex];
        var row = element("div", "chart-tooltip-row");
        var label = series.labels[item.dataIndex];
        if (data.kind === "pie" && item.percent !== undefined) { label += "（" + item.percent + "%）"; }
        row.appendChild(element("span", "chart-tooltip-name", data.kind === "pie" ? series.name : item.seriesName));
        row.appendChild(element("span", "chart-tooltip-value", label));
        box.appendChild(row);
      });
      return box;
    };
  }

  function valueLabel(data, hideZero) {
    return function (item) {
      var series = data.series[item.seriesIndex];
      if (hideZero && !Number(series.values[item.dataIndex])) { return ""; }
      return series.labels[item.dataIndex];
    };
  }

  // Rows of legend the series names need at this width (the legend sits above the plot).
  function legendLines(data, width) {
    if (data.series.length < 2 && data.kind !== "pie") { return 0; }
    var names = data.kind === "pie" ? data.categories : data.series.map(function (s) { return s.name; });
    var needed = names.reduce(function (sum, name) { return sum + name.length * 13 + 36; }, 0);
    return Math.max(1, Math.ceil(needed / Math.max(width - 16, 120)));
  }

  function barOption(data, look, width, phone) {
    var stacked = data.kind === "stacked_bar";
    var legendHeight = legendLines(data, width) * 22;
    return {
      // Categories down the side: long prefecture names stay readable at 360 px.
      grid: { left: 4, right: stacked ? 12 : 48, top: legendHeight + 8, bottom: 4, containLabel: true },
      legend: legendHeight ? { top: 0, left: 0, itemWidth: 14, itemHeight: 10 } : undefined,
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      xAxis: {
        type: "value",
        minInterval: data.format === "money" ? 0 : 1,
        axisLabel: { color: look.axis, hideOverlap: true },
        splitLine: { lineStyle: { color: look.grid } }
      },
      yAxis: {
        type: "category",
        inverse: true,  // the first category (the table's first row) on top
        data: data.categories,
        axisTick: { show: false },
        axisLine: { lineStyle: { color: look.grid } },
        axisLabel: { color: look.text, width: phone ? 92 : 150, overflow: "break", lineHeight: 14 }
      },
      series: data.series.map(function (series) {
        return {
          type: "bar",
          name: series.name,
          data: numbers(series),
          stack: stacked ? "total" : undefined,
          barMaxWidth: 18,
          label: {
            show: data.format !== "money",
            position: stacked ? "inside" : "right",
            color: stacked ? "#fff" : look.text,
            fontSize: 11,
            formatter: valueLabel(data, stacked)
          },
          labelLayout: { hideOverlap: true }
        };
      })
    };
  }

  function pieOption(data, look, width, phone) {
    var series = data.series[0];
    var legendHeight = legendLines(data, width) * 22;
    return {
      legend: { bottom: 0, left: "center", itemWidth: 14, itemHeight: 10 },
      tooltip: { trigger: "item" },
      series: [{
        type: "pie",
        name: series.name,
        radius: phone ? ["30%", "62%"] : ["35%", "68%"],
        center: ["50%", (50 - legendHeight / 8) + "%"],
        data: data.categories.map(function (name, i) {
          return { name: name, value: Number(series.values[i]) };
        }),
        // On a phone the names are in the legend only: labels beside the pie would not fit.
        percentPrecision: 1,
        label: { show: !phone, color: look.text, formatter: "{b}\n{d}%", lineHeight: 16 },
        labelLine: { show: !phone }
      }]
    };
  }

  function lineOption(data, look, width) {
    var legendHeight = legendLines(data, width) * 22;
    return {
      grid: { left: 4, right: 16, top: legendHeight + 12, bottom: 4, containLabel: true },
      legend: legendHeight ? { top: 0, left: 0 } : undefined,
      tooltip: { trigger: "axis" },
      xAxis: { type: "category", data: data.categories, axisLabel: { color: look.text, hideOverlap: true },
        axisLine: { lineStyle: { color: look.grid } } },
      yAxis: { type: "value", minInterval: data.format === "money" ? 0 : 1,
        axisLabel: { color: look.axis }, splitLine: { lineStyle: { color: look.grid } } },
      series: data.series.map(function (series) {
        return { type: "line", name: series.name, data: numbers(series), symbolSize: 6 };
      })
    };
  }

  function height(data, width, phone) {
    if (data.kind === "pie") { return (phone ? 300 : 320) + legendLines(data, width) * 22; }
    if (data.kind === "line") { return 300; }
    var perRow = data.kind === "bar" ? 8 + 14 * data.series.length : 26;
    if (phone) { perRow += 6; }  // names break over two lines in the narrower label column
    return Math.max(200, data.categories.length * perRow + legendLines(data, width) * 22 + 40);
  }

  function option(data, width) {
    var look = theme();
    // Narrow: a phone, or a column too small for labels beside a pie.
    var phone = width < 480 || window.innerWidth <= PHONE_MAX_WIDTH;
    var build = data.kind === "pie" ? pieOption : data.kind === "line" ? lineOption : barOption;
    var result = build(data, look, width, phone);
    result.color = look.palette;
    result.textStyle = { fontFamily: look.font, color: look.text };
    result.animation = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    // The library's accessibility option: the container keeps the chart's title as its name
    // (the summary describes it, the table holds the figures), and several series get
    // patterns besides colours, which also tells them apart on a black-and-white printout.
    result.aria = {
      enabled: true,
      label: { description: data.title },
      decal: { show: data.series.length > 1 || data.kind === "pie", decals: DECALS }
    };
    result.tooltip.formatter = tooltipFormatter(data);
    result.tooltip.confine = true;  // inside the chart, and without the arrow's inline style
    result.tooltip.className = "chart-tooltip-box";
    return { option: result, height: height(data, width, phone) };
  }

  function render(entry) {
    var built = option(entry.data, entry.width);
    entry.canvas.style.height = built.height + "px";
    if (!entry.instance) {
      var lang = (document.documentElement.lang || "").toLowerCase();
      entry.instance = window.echarts.init(entry.canvas, null, {
        renderer: "svg",  // crisp at any size, and prints as vectors
        locale: lang.indexOf("zh") === 0 ? "ZH" : "EN"
      });
    }
    entry.instance.setOption(built.option, { notMerge: true });
    entry.instance.resize();
    // A viewBox lets the drawing scale with its box (print stylesheet: width 100%).
    var svg = entry.canvas.querySelector("svg");
    if (svg) {
      svg.setAttribute("viewBox", "0 0 " + svg.getAttribute("width") + " " + svg.getAttribute("height"));
    }
  }

  function draw(canvas) {
    var figure = canvas.closest("figure");
    var source = document.getElementById(canvas.getAttribute("data-chart-source"));
    if (!figure || !source) { return; }
    var entry = { canvas: canvas, figure: figure, data: JSON.parse(source.textContent) };
    figure.classList.add("chart-drawn");
    entry.width = canvas.clientWidth;
    try {
      render(entry);
    } catch (error) {
      // A chart that cannot be drawn leaves its table, open, as it was.
      figure.classList.remove("chart-drawn");
      if (entry.instance) { entry.instance.dispose(); }
      if (window.console) { window.console.error(error); }
      return;
    }
    var details = figure.querySelector("details[data-chart-details]");
    if (details) { details.open = false; }  // drawn: the table folds, still in the page
    drawn.push(entry);
  }

  function resizeAll() {
    drawn.forEach(function (entry) {
      var width = entry.canvas.clientWidth;
      if (!width || width === entry.width) { return; }
      entry.width = width;
      render(entry);
    });
  }

  // Printing: every table opens (and closes again after), and the drawings fit the paper.
  var closedForPrint = [];
  function beforePrint() {
    drawn.forEach(function (entry) {
      var details = entry.figure.querySelector("details[data-chart-details]");
      if (details && !details.open) { details.open = true; closedForPrint.push(details); }
    });
    resizeAll();
  }
  function afterPrint() {
    closedForPrint.forEach(function (details) { details.open = false; });
    closedForPrint = [];
    resizeAll();
  }

  function start() {
    if (!window.echarts) { return; }
    document.querySelectorAll("[data-chart-canvas]").forEach(draw);
    if (!drawn.length) { return; }
    var pending = null;
    var later = function () {
      if (pending) { window.clearTimeout(pending); }
      pending = window.setTimeout(resizeAll, 100);
    };
    if (window.ResizeObserver) {
      var observer = new ResizeObserver(later);
      drawn.forEach(function (entry) { observer.observe(entry.figure); });
    } else {
      window.addEventListener("resize", later);
    }
    window.addEventListener("beforeprint", beforePrint);
    window.addEventListener("afterprint", afterPrint);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

/* Initialises every [data-chart] element from the ECharts option that the server wrote next to
   it with json_script (id "chart-option-<ID>"). The server builds the whole option; this file
   only draws it, so there is exactly one place where charts get their meaning (Python).
   - a data item carrying a `url` field navigates there when clicked (drill-down);
   - animation is off when <html data-no-animation> is set (screenshot tests) or the user
     prefers reduced motion;
   - charts are re-initialised after htmx swaps and resized with the window. */
(function () {
  "use strict";

  function animationOff() {
    if (document.documentElement.dataset.noAnimation !== undefined) return true;
    return window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  }

  function optionFor(element) {
    var script = document.getElementById("chart-option-" + element.dataset.chart);
    return script ? JSON.parse(script.textContent) : null;
  }

  function drillDown(params) {
    var data = params.data;
    if (data && typeof data === "object" && data.url) {
      window.location.href = data.url;
    }
  }

  function initChart(element) {
    if (typeof echarts === "undefined") return;
    var option = optionFor(element);
    if (!option) return;
    var existing = echarts.getInstanceByDom(element);
    if (existing) existing.dispose();
    // The height comes as data-height, not a style="" attribute: the CSP allows no inline styles,
    // but a style set through the DOM is allowed.
    if (element.dataset.height) element.style.height = element.dataset.height + "px";
    var theme = document.body.classList.contains("screen") ? "dark" : null;
    var chart = echarts.init(element, theme, { renderer: "canvas" });
    if (animationOff()) option.animation = false;
    if (theme === "dark") option.backgroundColor = "transparent";   // the page's panel shows through
    chart.setOption(option);
    chart.on("click", drillDown);
    element.dataset.chartReady = "1";
  }

  function initAll(root) {
    (root || document).querySelectorAll("[data-chart]").forEach(initChart);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { initAll(document); });
  } else {
    initAll(document);
  }
  document.addEventListener("htmx:afterSwap", function (event) { initAll(event.target); });
  window.addEventListener("resize", function () {
    document.querySelectorAll("[data-chart]").forEach(function (element) {
      var chart = typeof echarts !== "undefined" && echarts.getInstanceByDom(element);
      if (chart) chart.resize();
    });
  });
})();

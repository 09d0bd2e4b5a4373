// Draws each trend chart of the pack from the ECharts option written beside it as JSON
// (the element that data-chart names), and writes its tooltips as text: nothing from
// the input ever reaches innerHTML. Charts are redrawn to size when the window changes.
(function () {
  'use strict';
  if (typeof echarts === 'undefined') return;

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function line(label, value) {
    var row = el('div', 'tip-row');
    row.appendChild(el('span', 'tip-label', label + ' '));
    row.appendChild(el('strong', '', value));
    return row;
  }

  // The tooltip of one month: its name, the actual as printed, the target, a one-off's
  // note and the KPI's status; ECharts takes an element and adds it as it is.
  function tooltip(tips) {
    return function (params) {
      var list = Array.isArray(params) ? params : [params];
      var i = list.length ? list[0].dataIndex : -1;
      var box = el('div', 'tip');
      box.style.maxWidth = '22rem';
      box.style.whiteSpace = 'normal';
      box.appendChild(el('div', 'tip-title', tips.title));
      if (i < 0 || i >= tips.months.length) return box;
      box.appendChild(el('div', 'tip-month', tips.months[i]));
      if (tips.values[i]) box.appendChild(line(tips.labels.actual, tips.values[i]));
      if (tips.target) box.appendChild(line(tips.labels.target, tips.target));
      if (tips.notes[i]) box.appendChild(el('div', 'tip-note', tips.notes[i]));
      box.appendChild(line(tips.labels.status, tips.status));
      return box;
    };
  }

  // Print draws each chart again at the size of its place on the page (two a row on
  // A4 or Letter), since a printed page is laid out without running script: the screen
  // chart, drawn for the window, would be cut.
  var PRINT_WIDTH = 336, PRINT_HEIGHT = 220;

  var drawn = [];
  var boxes = document.querySelectorAll('[data-chart]');
  for (var n = 0; n < boxes.length; n++) {
    var box = boxes[n];
    var source = document.getElementById(box.getAttribute('data-chart'));
    if (!source) continue;
    var data = JSON.parse(source.textContent);
    data.option.tooltip.formatter = tooltip(data.tips);
    box.textContent = ''; // the fallback note goes: the chart is here
    var chart = echarts.init(box, null, { renderer: 'svg' });
    chart.setOption(data.option);
    drawn.push(chart);

    var printBox = box.parentNode.querySelector('.chart-print');
    if (printBox) {
      var printed = JSON.parse(source.textContent).option;
      printed.tooltip = { show: false };
      echarts.init(printBox, null, { renderer: 'svg', width: PRINT_WIDTH, height: PRINT_HEIGHT }).setOption(printed);
      var svg = printBox.querySelector('svg');
      if (svg) svg.setAttribute('viewBox', '0 0 ' + PRINT_WIDTH + ' ' + PRINT_HEIGHT);
    }
  }

  function resize() {
    for (var i = 0; i < drawn.length; i++) drawn[i].resize();
  }
  var pending = 0;
  window.addEventListener('resize', function () {
    clearTimeout(pending);
    pending = setTimeout(resize, 100);
  });
})();

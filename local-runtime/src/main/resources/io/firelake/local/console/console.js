// The firelake console: one EventSource on /api/events, one render function per view. Every text that comes from
// records (error samples, object keys, previews) is set with textContent, never parsed as HTML.
(function () {
  'use strict';
  const token = document.querySelector('meta[name="firelake-token"]').content;
  const $ = (id) => document.getElementById(id);
  const SVG = 'http://www.w3.org/2000/svg';

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => (k === 'class' ? (e.className = v) : e.setAttribute(k, v)));
    children.forEach((c) => e.append(c instanceof Node ? c : document.createTextNode(c == null ? '' : String(c))));
    return e;
  }
  function svg(tag, attrs, text) {
    const e = document.createElementNS(SVG, tag);
    Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, v));
    if (text != null) e.textContent = text;
    return e;
  }
  const count = (n) => (n == null ? '–' : Number(n).toLocaleString('en-US'));
  function short(n) {
    n = Number(n || 0);
    if (n >= 1e6) return (n / 1e6).toFixed(1) + 'M';
    if (n >= 1e4) return (n / 1e3).toFixed(0) + 'k';
    if (n >= 1e3) return (n / 1e3).toFixed(1) + 'k';
    return n >= 10 || n === 0 ? n.toFixed(0) : n.toFixed(1);
  }
  function bytes(n) {
    n = Number(n || 0);
    const units = ['B', 'KB', 'MB', 'GB'];
    let u = 0;
    while (n >= 1024 && u < units.length - 1) { n /= 1024; u++; }
    return (n >= 10 || u === 0 ? n.toFixed(0) : n.toFixed(1)) + ' ' + units[u];
  }
  const time = (iso) => new Date(iso).toLocaleTimeString([], { hour12: false });
  function rows(tbody, list, cells) {
    tbody.replaceChildren(...list.map((item) => {
      const tr = el('tr');
      cells(item).forEach(([text, numeric]) => tr.append(el('td', numeric ? { class: 'n' } : {}, text)));
      return tr;
    }));
  }

  // ---- the diagram ------------------------------------------------------------------------------------------------
  const W = 96, H = 46;
  const NODES = {
    producer: [10, 30, 'Producer'], stream: [162, 30, 'Kinesis stream'], firehose: [314, 30, 'Firehose'],
    processor: [466, 30, 'Transform λ'], conversion: [618, 30, 'Parquet'], lake: [770, 30, 'S3 lake'],
    dropped: [466, 118, 'Dropped'], errors: [618, 118, 'Error prefix'],
    speed: [314, 190, 'Speed layer λ'], dynamodb: [466, 190, 'DynamoDB'],
  };
  const EDGES = {
    'producer>stream': 'h', 'stream>firehose': 'h', 'firehose>processor': 'h', 'processor>conversion': 'h',
    'conversion>lake': 'h', 'firehose>errors': 'down', 'processor>dropped': 'v', 'stream>speed': 'down',
    'speed>dynamodb': 'h',
  };
  const diagram = $('diagram');
  const details = {};
  const edges = {};
  (function draw() {
    const defs = svg('defs');
    const marker = svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 6, markerHeight: 6, orient: 'auto' });
    marker.append(svg('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#8c959f' }));
    defs.append(marker);
    diagram.append(defs);
    Object.entries(EDGES).forEach(([id, shape]) => {
      const [a, b] = id.split('>');
      const [ax, ay] = NODES[a], [bx, by] = NODES[b];
      let d, lx, ly;
      if (shape === 'h') { d = `M${ax + W},${ay + H / 2} L${bx - 2},${by + H / 2}`; lx = (ax + W + bx) / 2; ly = ay + H / 2; }
      else if (shape === 'v') { d = `M${ax + W / 2},${ay + H} L${bx + W / 2},${by - 2}`; lx = ax + W / 2 + 34; ly = (ay + H + by) / 2; }
      else { d = `M${ax + W / 2},${ay + H} L${ax + W / 2},${by + H / 2} L${bx - 2},${by + H / 2}`; lx = (ax + W / 2 + bx) / 2 + 8; ly = by + H / 2; }
      const g = svg('g', { class: 'edge' + (b === 'errors' || b === 'dropped' ? ' error' : ''), 'data-edge': id, 'data-rate': '0' });
      g.append(svg('path', { d }));
      const top = svg('text', { x: lx, y: ly - 6, class: 'rate' }, '');
      const bottom = svg('text', { x: lx, y: ly + 13, class: 'bytes' }, '');
      g.append(top, bottom);
      diagram.append(g);
      edges[id] = { g, top, bottom };
    });
    Object.entries(NODES).forEach(([id, [x, y, label]]) => {
      const aws = ['stream', 'firehose', 'lake', 'dynamodb', 'errors'].includes(id);
      const g = svg('g', { class: 'node' + (aws ? ' aws' : ''), 'data-node': id });
      g.append(svg('rect', { x, y, width: W, height: H }));
      g.append(svg('text', { x: x + W / 2, y: y + 18 }, label));
      details[id] = svg('text', { x: x + W / 2, y: y + 35, class: 'detail' }, '');
      g.append(details[id]);
      diagram.append(g);
    });
  })();

  // ---- live figures -------------------------------------------------------------------------------------------------
  const history = { t: [], read: [], lake: [], errors: [] };
  let rateChart, speedChart, speedRange, lastFlushCount = 0;

  // Time labels in local time to the second, like monitor --html's; the value legend stays off (the cursor shows them).
  const clockLabel = (u, values) => values.map((v) => new Date(v * 1000).toLocaleTimeString([], { hour12: false }));
  // Bars are per minute on a fixed range of minutes (range() gives it); lines follow their data.
  function chart(target, series, range) {
    const bars = range != null;
    const width = Math.max(280, target.clientWidth || 380);
    const opts = {
      width, height: 180, legend: { live: false }, cursor: { drag: { x: false, y: false } },
      scales: { x: bars ? { time: false, range: () => range() } : { time: true } },
      axes: [{ stroke: '#57606a', values: clockLabel, space: 70, incrs: bars ? [60, 120, 300, 600, 900] : undefined },
        { stroke: '#57606a', size: 54, values: (u, values) => values.map((v) => short(v)) }],
      series: [{}].concat(series.map(([label, color]) => ({
        label, stroke: color, width: 2, fill: bars ? color + '99' : undefined,
        paths: bars ? uPlot.paths.bars({ size: [0.6, 28] }) : undefined, points: { show: bars ? false : undefined },
      }))),
    };
    return new uPlot(opts, [[]].concat(series.map(() => [])), target);
  }

  function state(s) {
    $('names').textContent = `${s.stream} → ${s.deliveryStream}`;
    $('accounting').textContent = 'accounting: ' + s.accounting.line;
    const byId = Object.fromEntries(s.edges.map((e) => [e.id, e]));
    Object.entries(edges).forEach(([id, parts]) => {
      const e = byId[id];
      parts.g.style.display = e ? '' : (id === 'producer>stream' ? 'none' : '');
      if (!e) return;
      parts.g.setAttribute('data-rate', e.recordsPerSecond);
      parts.g.setAttribute('data-records', e.records);
      parts.g.classList.toggle('active', e.recordsPerSecond > 0);
      parts.top.textContent = `${short(e.recordsPerSecond)}/s`;
      parts.bottom.textContent = e.bytesPerSecond != null ? `${bytes(e.bytesPerSecond)}/s` : `Σ ${short(e.records)}`;
    });
    const rec = (id) => (byId[id] ? byId[id].records : 0);
    details.producer.textContent = byId['producer>stream'] ? `${short(rec('producer>stream'))} sent` : 'external';
    details.stream.textContent = s.stream;
    details.firehose.textContent = `in flight ${count(s.inFlight.firehose)}`;
    details.processor.textContent = `buffer ${count(s.inFlight.processorBuffer)}`;
    details.conversion.textContent = `staged ${count(s.inFlight.s3Buffers)}`;
    details.lake.textContent = `${count(s.accounting.objects)} objects`;
    details.errors.textContent = `${count(s.accounting.failed)} failed`;
    details.dropped.textContent = count(s.accounting.dropped);
    details.speed.textContent = byId['stream>speed'] ? `${short(rec('stream>speed'))} read` : 'not running';
    details.dynamodb.textContent = byId['speed>dynamodb'] ? `${count(rec('speed>dynamodb'))} windows` : '';
    buffers(s.buffers);
    const now = Date.parse(s.at) / 1000;
    history.t.push(now);
    history.read.push(byId['stream>firehose'] ? byId['stream>firehose'].recordsPerSecond : 0);
    history.lake.push(byId['conversion>lake'] ? byId['conversion>lake'].recordsPerSecond : 0);
    history.errors.push(byId['firehose>errors'] ? byId['firehose>errors'].recordsPerSecond : 0);
    while (history.t.length > 180) Object.values(history).forEach((a) => a.shift());
    if (!rateChart) rateChart = chart($('rate-chart'), [['read from stream', '#0969da'], ['delivered to lake', '#1a7f37'], ['to error prefix', '#cf222e']]);
    rateChart.setData([history.t, history.read, history.lake, history.errors]);
    $('rate-chart').setAttribute('data-points', history.t.length);
  }

  function buffers(b) {
    const h = b.hints;
    $('hints').textContent = `hints: processor ${bytes(h.processorBytes)} / ${h.processorSeconds} s, S3 ${bytes(h.s3Bytes)} / ${h.s3Seconds} s`;
    const now = Date.now();
    $('fills').replaceChildren(...(b.fills.length ? b.fills.map((f) => {
      const size = f.kind === 'processor' ? h.processorBytes : h.s3Bytes;
      const seconds = f.kind === 'processor' ? h.processorSeconds : h.s3Seconds;
      const age = Math.max(0, (now - Date.parse(f.openedAt)) / 1000);
      const bar = el('div', { class: 'bar', title: `${bytes(f.bytes)} of ${bytes(size)}; open ${age.toFixed(0)} s of ${seconds} s` });
      const fill = el('i'); fill.style.width = Math.min(100, (100 * f.bytes) / size) + '%';
      const clock = el('b'); clock.style.width = Math.min(100, (100 * age) / Math.max(1, seconds)) + '%';
      bar.append(fill, clock);
      return el('div', { class: 'fill', 'data-kind': f.kind }, el('span', { class: 'name', title: f.name }, `${f.kind}: ${f.name}`),
        bar, el('span', { class: 'what' }, `${count(f.records)} rec`));
    }) : [el('p', { class: 'note' }, 'every buffer is empty')]));
    $('flush-count').textContent = `${count(b.flushCount)} objects written`;
    const fresh = b.flushCount - lastFlushCount;
    lastFlushCount = b.flushCount;
    $('flushes').replaceChildren(...b.flushes.map((f, i) => el('li', { class: (i < fresh ? 'new ' : '') + 'kind-' + f.kind, title: f.key },
      `${time(f.at)}  ${f.kind}  ${count(f.records)} rec  ${bytes(f.bytes)}  ${f.key}`)));
  }

  function monitor(m) {
    const badge = $('verdict');
    badge.className = 'badge ' + m.verdict;
    badge.textContent = m.verdict;
    $('monitor-window').textContent = `last ${m.window}, as firelake monitor judges it; one point per ${m.chartPeriodSeconds} s`;
    $('freshness').textContent = m.freshnessSeconds != null ? `data freshness: ${m.freshnessSeconds.toFixed(1)} s (oldest record's age when its object was written)` : 'data freshness: nothing delivered yet';
    $('findings').replaceChildren(...m.findings.map((f) => el('li', {}, el('span', { class: 'sev ' + f.severity }, f.severity), `${f.check}: ${f.reason}`)));
    // The charts are monitor --html's own fragment: XHTML whose every text the server escaped.
    $('monitor-charts').innerHTML = m.chartsHtml;
  }

  function errors(e) {
    $('error-total').textContent = `${count(e.total)} records under ${e.prefix}`;
    rows($('error-types').tBodies[0], e.byTypeAndCode, (r) => [[r.outputType], [r.errorCode], [count(r.records), true]]);
    rows($('error-reasons').tBodies[0], e.byReason, (r) => [[r.reason], [count(r.records), true]]);
    $('error-samples').replaceChildren(...e.samples.slice(0, 6).map((s) => el('li', {},
      el('strong', {}, s.reason || s.errorCode), ` ${s.outputType}, ${s.arrival ? time(s.arrival) : ''}`, el('code', {}, s.record))));
  }

  function lake(l) {
    $('lake-total').textContent = `${count(l.objects)} objects, ${bytes(l.bytes)}; click a partition for a DuckDB preview`;
    const tbody = $('partitions').tBodies[0];
    rows(tbody, l.partitions.slice(0, 12), (p) => [[p.partition], [count(p.objects), true], [bytes(p.bytes), true]]);
    Array.from(tbody.rows).forEach((tr, i) => tr.addEventListener('click', () => preview(l.partitions[i].partition)));
    $('newest').replaceChildren(...l.newest.map((o) => el('li', { title: o.key }, `${time(o.modified)}  ${bytes(o.bytes)}  ${o.key}`)));
  }

  async function preview(partition) {
    const box = $('preview');
    box.replaceChildren(el('p', { class: 'note' }, 'reading ' + partition + ' with DuckDB…'));
    const answer = await fetch('/api/lake?partition=' + encodeURIComponent(partition));
    const p = await answer.json();
    if (!answer.ok) { box.replaceChildren(el('p', { class: 'note' }, p.error)); return; }
    const table = el('table', {}, el('thead', {}, el('tr', {}, ...p.columns.map((c) => el('th', {}, c)))), el('tbody'));
    rows(table.tBodies[0], p.rows, (r) => r.map((v) => [v == null ? 'null' : v]));
    box.replaceChildren(el('p', { class: 'note' }, el('code', {}, p.sql)), table);
  }

  function speed(s) {
    if (!s.running) { $('speed-note').textContent = 'the speed layer is not running (it needs DynamoDB Local)'; return; }
    speedRange = [s.firstMinute - 60, s.lastMinute + 60];
    if (!speedChart) speedChart = chart($('speed-chart'), [['events per minute', '#8250df']], () => speedRange);
    speedChart.setData([s.minutes.map((m) => m.minute), s.minutes.map((m) => m.events)]);
    $('speed-chart').setAttribute('data-points', s.minutes.length);
    const last = s.minutes[s.minutes.length - 1];
    $('speed-note').textContent = last ? `table ${s.table}; latest minute ${time(last.minute * 1000)}: ` +
      Object.entries(last.byType).map(([t, n]) => `${t} ${count(n)}`).join(', ') : `table ${s.table}: no window closed yet`;
  }

  $('replay').addEventListener('click', async () => {
    const button = $('replay');
    button.disabled = true;
    $('replay-result').textContent = 'running firelake replay-errors…';
    try {
      const answer = await fetch('/api/replay', { method: 'POST', headers: { 'X-Firelake-Token': token } });
      const r = await answer.json();
      $('replay-result').textContent = answer.ok ? `${r.output} (exit ${r.exitCode})` : r.error;
    } finally {
      button.disabled = false;
    }
  });

  const views = { state, monitor, errors, lake, speed };
  function connect() {
    const source = new EventSource('/api/events');
    source.onopen = () => { $('link').className = 'link up'; };
    source.onerror = () => { $('link').className = 'link down'; };
    Object.entries(views).forEach(([name, render]) => source.addEventListener(name, (event) => {
      const data = JSON.parse(event.data);
      if (data.error) { console.warn(name + ': ' + data.error); return; }
      render(data);
    }));
  }
  connect();
})();

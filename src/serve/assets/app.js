// cyberdip serve: the page's script. Three views on one document:
//   /                 start page: the scenario and the list of exercises
//   /whatif?…         sliders from the parameter registry, Run, charts against the unchanged scenario
//   /exercise/STEM?…  briefing, choices as buttons, questions, teacher notes; each choice joins the comparison
// The page's state lives in its address (set=PATH=VALUE…, runs, ticks, seed, state, play, run), so a
// link reproduces a view. Every value is checked by the server exactly as `cyberdip run --set` checks it.
// Plain DOM code, no library, nothing loaded from the network.
'use strict';

(function () {
  // ---------- small helpers ----------

  /** Create an element: h('p', {class: 'x', title: 't'}, 'text', child…). */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') el.className = v;
      else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
  }

  class ApiError extends Error {
    constructor(status, errors) {
      super(errors.join('\n'));
      this.status = status;
      this.errors = errors;
    }
  }

  async function answer(r) {
    const text = await r.text();
    let body = {};
    try { body = text ? JSON.parse(text) : {}; } catch (_) { body = { errors: [text || r.statusText] }; }
    if (!r.ok) throw new ApiError(r.status, body.errors || [r.status + ' ' + r.statusText]);
    return body;
  }

  const getJSON = (url) => fetch(url).then(answer);
  const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));
  const FINISHED = ['done', 'cancelled', 'failed'];

  /** Paragraphs of a text with blank lines between them. */
  function paragraphs(text) {
    return (text || '').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean).map((p) => h('p', {}, p));
  }

  function seconds(s) {
    return s === null || s === undefined ? '' : (s < 10 ? s.toFixed(2) : s.toFixed(1)) + ' s';
  }

  /** A number rounded to a thousandth of its slider's range, as short text. */
  function roundTo(x, min, max) {
    const step = (max - min) / 1000;
    if (!(step > 0)) return String(x);
    const decimals = Math.max(0, Math.min(12, -Math.floor(Math.log10(step))));
    return String(Number((Math.round(x / step) * step).toFixed(decimals)));
  }

  // ---------- runs: start, follow, cancel ----------

  /**
   * A run panel: progress bar, status line, Cancel, errors. `start(body)` posts a run and
   * resolves with its final status (done, cancelled or failed); it rejects with an ApiError
   * when the server refuses the request (400 with the command line's messages, 429 when busy).
   */
  function runPanel() {
    const progress = h('progress', { max: 1, value: 0, class: 'run-progress' });
    const text = h('div', { class: 'progress-text', id: 'progress-text' });
    const cancel = h('button', { class: 'secondary', id: 'cancel', disabled: true }, 'Cancel');
    const errors = h('pre', { class: 'errors', id: 'errors', hidden: true });
    let current = null;
    cancel.addEventListener('click', () => {
      if (current !== null) fetch('/api/runs/' + current + '/cancel', { method: 'POST' });
    });

    function show(s) {
      progress.max = Math.max(1, s.total);
      progress.value = s.done;
      const what = s.state === 'queued' ? 'waiting for earlier runs' : s.state;
      text.textContent = `${s.done} / ${s.total} runs ${what}${s.seconds ? ' · ' + seconds(s.seconds) : ''}`;
    }

    function follow(id) {
      return new Promise((resolve) => {
        const es = new EventSource('/api/runs/' + id + '/events');
        es.onmessage = (ev) => {
          const s = JSON.parse(ev.data);
          show(s);
          if (FINISHED.includes(s.state)) { es.close(); resolve(s); }
        };
        es.onerror = () => { es.close(); poll(id).then(resolve); }; // no streaming: poll instead
      });
    }

    async function poll(id) {
      for (;;) {
        const s = await getJSON('/api/runs/' + id);
        show(s);
        if (FINISHED.includes(s.state)) return s;
        await sleep(200);
      }
    }

    async function start(body) {
      errors.hidden = true;
      const st = await fetch('/api/runs', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body,
      }).then(answer);
      current = st.id;
      cancel.disabled = false;
      show(st);
      try {
        const end = await follow(st.id);
        if (end.state === 'cancelled') text.textContent = 'Cancelled.';
        if (end.state === 'failed') fail([end.error || 'the run failed']);
        return end;
      } finally {
        cancel.disabled = true;
        current = null;
      }
    }

    function fail(messages) {
      errors.textContent = messages.join('\n');
      errors.hidden = false;
    }

    return { progress, text, cancel, errors, start, fail };
  }

  /**
   * Fetch the report's key numbers, time series and comparison for `ids` into `box`;
   * record on <body data-first-chart-ms> the time from `t0` (the click) to the first chart
   * drawn on screen.
   */
  async function showResults(box, ids, t0) {
    const r = await fetch('/api/results?jobs=' + ids.join(','));
    if (!r.ok) await answer(r);
    box.innerHTML = await r.text();
    await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
    if (t0 !== null && box.querySelector('svg.chart')) {
      const ms = performance.now() - t0;
      document.body.dataset.firstChartMs = ms.toFixed(0);
      return ms;
    }
    return null;
  }

  // ---------- start page ----------

  function startView(cat) {
    document.title = 'cyberdip';
    const sc = cat.scenario;
    const ex = cat.exercises.map((e) =>
      h('div', { class: 'card exercise-card', 'data-exercise': e.stem },
        h('h3', {}, h('a', { href: '/exercise/' + encodeURIComponent(e.stem) }, e.title)),
        h('div', { class: 'meta' }, `${e.stem} · ${e.choices.length} choices: ${e.choices.map((c) => c.name).join(', ')} · ${e.runs} runs of ${e.ticks} months`),
        paragraphs(e.briefing).slice(0, 1)));
    return h('div', { class: 'start' },
      h('h1', {}, 'Cyber diplomacy, interactively'),
      h('p', { class: 'lead' }, 'Change a scenario with sliders and see the consequences, or play a class exercise. ' +
        'Every run uses the same engine and seeds as the command line; the address of the page holds every value, ' +
        'so a link reproduces what you see.'),
      h('div', { class: 'card' },
        h('h3', {}, 'What if…? ', h('span', { class: 'meta' }, sc.name)),
        paragraphs(sc.description),
        h('p', {}, h('a', { class: 'button', href: '/whatif', id: 'open-whatif' }, 'Open the what-if view'))),
      h('h2', {}, 'Exercises'),
      ex.length ? ex : h('p', { class: 'note' }, 'No exercises were found when the server started.'),
      h('p', { class: 'hint' }, `This server runs at most ${cat.limits.max_runs} runs of at most ${cat.limits.max_ticks} months per request, ` +
        `and ${cat.limits.max_jobs} requests at once. cyberdip ${cat.version}.`));
  }

  // ---------- what-if view ----------

  function whatIfView(cat, root) {
    const sc = cat.scenario;
    const url = new URLSearchParams(location.search);
    const changes = new Map(); // path -> value text, only values that differ from the scenario
    for (const s of url.getAll('set')) {
      const i = s.indexOf('=');
      if (i > 0) changes.set(s.slice(0, i).trim(), s.slice(i + 1).trim());
    }
    const known = new Map(); // path -> {value, row} of the sliders shown
    let stateId = url.get('state') || sc.default_state;
    let shown = url.get('run') === '1';

    document.title = `What if… — ${sc.name} — cyberdip`;
    const num = (id, label, value, max) => h('label', {}, label,
      h('input', { type: 'number', id, min: id === 'seed' ? 0 : 1, max, step: 1, value }));
    const stateSel = h('select', { id: 'state' },
      sc.states.map((s) => h('option', { value: s.id, selected: s.id === stateId }, `${s.name} (${s.id})`)));
    const runsBox = num('runs', 'Runs', url.get('runs') || sc.runs, cat.limits.max_runs);
    const ticksBox = num('ticks', 'Months', url.get('ticks') || sc.ticks, cat.limits.max_ticks);
    const seedBox = num('seed', 'Seed', url.get('seed') || sc.seed, null);
    const input = (label) => label.querySelector('input');
    const panel = runPanel();
    const runBtn = h('button', { id: 'run' }, 'Run');
    const exportLink = h('a', { class: 'button secondary', id: 'export', download: '' }, 'Export scenario');
    const downloadLink = h('a', { class: 'button secondary disabled', id: 'download', download: '' }, 'Download results');
    const changeList = h('div', { class: 'changes', id: 'changes' });
    const command = h('div', { class: 'command', id: 'command', hidden: true });
    const groupsBox = h('div', { id: 'groups' }, h('p', { class: 'loading' }, 'Loading the parameters…'));
    const results = h('div', { class: 'results', id: 'results' },
      h('h1', {}, `What if…? ${sc.name}`),
      paragraphs(sc.description),
      h('p', { class: 'lead' }, 'Pick a state, move its sliders (hover a name for its meaning, range, default and source), ' +
        'and press Run. The results compare your scenario with the unchanged one: the same charts and wording as ' +
        '`cyberdip report`.'));

    root.replaceChildren(h('div', { class: 'layout' },
      h('aside', { class: 'controls' },
        h('div', { class: 'runbox' },
          h('label', { class: 'wide' }, 'State', stateSel),
          runsBox, ticksBox, seedBox),
        h('div', { class: 'actions' }, runBtn, panel.cancel),
        panel.progress, panel.text, panel.errors,
        h('div', { class: 'actions' }, exportLink, downloadLink),
        changeList, command, groupsBox),
      results));

    /** The query the server runs: changes (sorted by path), runs, months, seed. */
    function runQuery() {
      const q = new URLSearchParams();
      for (const p of [...changes.keys()].sort()) q.append('set', p + '=' + changes.get(p));
      q.set('runs', input(runsBox).value);
      q.set('ticks', input(ticksBox).value);
      q.set('seed', input(seedBox).value);
      return q;
    }

    function sync() {
      const q = runQuery();
      exportLink.href = '/api/export?' + q.toString();
      q.set('state', stateId);
      if (shown) q.set('run', '1');
      history.replaceState(null, '', '/whatif?' + q.toString());
      changeList.replaceChildren(
        h('strong', {}, changes.size ? `${changes.size} changed value${changes.size > 1 ? 's' : ''}` : 'No value changed: Run shows the scenario as it is.'),
        changes.size ? h('button', { class: 'secondary', id: 'reset-all', onclick: () => { for (const p of [...changes.keys()]) reset(p); } }, 'Reset all') : null,
        h('ul', {}, [...changes.keys()].sort().map((p) =>
          h('li', {}, h('code', {}, `${p} = ${changes.get(p)}`), h('button', { title: 'Back to the scenario\'s value', onclick: () => reset(p) }, '✕')))));
    }

    function setValue(path, text) {
      const k = known.get(path);
      if (k && Number(text) === k.value && text !== '') changes.delete(path);
      else changes.set(path, text);
      if (k) k.row.classList.toggle('changed', changes.has(path));
      sync();
    }

    function reset(path) {
      changes.delete(path);
      const k = known.get(path);
      if (k) {
        k.row.classList.remove('changed');
        k.slider.value = k.value;
        k.box.value = k.value;
      }
      sync();
    }

    function paramRow(p) {
      const current = changes.has(p.path) ? changes.get(p.path) : String(p.value);
      const tip = `${p.doc}\n${p.path}\nRange ${p.min} to ${p.max} (${p.unit}); default ${p.default}; ` +
        `in this scenario ${p.value}\nSource: ${p.source}`;
      const id = 'p-' + p.path;
      const step = p.int ? 1 : 'any';
      const slider = h('input', { type: 'range', id, 'data-path': p.path, min: p.min, max: p.max, step, value: current, title: tip });
      const box = h('input', { type: 'number', class: 'num', 'data-path': p.path, min: p.min, max: p.max, step, value: current, title: tip });
      const row = h('div', { class: 'param' + (changes.has(p.path) ? ' changed' : ''), 'data-path': p.path },
        h('label', { for: id, title: tip }, p.key),
        slider, box,
        h('button', { class: 'reset', title: `Back to the scenario's value (${p.value})`, onclick: () => reset(p.path) }, '↺'));
      slider.addEventListener('input', () => {
        const v = p.int ? String(Math.round(Number(slider.value))) : roundTo(Number(slider.value), p.min, p.max);
        box.value = v;
        setValue(p.path, v);
      });
      box.addEventListener('change', () => {
        slider.value = box.value;
        setValue(p.path, box.value.trim());
      });
      known.set(p.path, { value: p.value, row, slider, box });
      return row;
    }

    async function loadForm() {
      const f = await getJSON('/api/form?state=' + encodeURIComponent(stateId));
      known.clear();
      groupsBox.replaceChildren(...f.groups.map((g) =>
        h('details', { class: 'group', id: 'group-' + g.id, open: !g.folded },
          h('summary', {}, `${g.title} (${g.params.length})`),
          h('p', { class: 'intro' }, g.intro),
          g.params.map(paramRow))));
      sync();
    }

    async function run() {
      const t0 = performance.now();
      shown = true;
      sync();
      runBtn.disabled = true;
      downloadLink.classList.add('disabled');
      try {
        const end = await panel.start(runQuery().toString());
        if (end.state !== 'done') return;
        const ms = await showResults(results, [end.id], t0);
        panel.text.textContent = `${end.runs} runs × ${end.ticks} months (seed ${end.seed}) in ${seconds(end.seconds)}` +
          (ms !== null ? `; first chart ${seconds(ms / 1000)} after Run` : '');
        downloadLink.href = '/api/runs/' + end.id + '/download';
        downloadLink.classList.toggle('disabled', !end.files);
        command.hidden = false;
        command.textContent = 'The same CSV files from the command line:\n' + end.command.map(shellWord).join(' ');
      } catch (e) {
        panel.fail(e.errors || [String(e)]);
      } finally {
        runBtn.disabled = false;
      }
    }

    runBtn.addEventListener('click', run);
    stateSel.addEventListener('change', () => { stateId = stateSel.value; loadForm(); });
    for (const b of [runsBox, ticksBox, seedBox]) input(b).addEventListener('change', sync);
    loadForm().then(() => { if (shown) run(); }).catch((e) => panel.fail(e.errors || [String(e)]));
  }

  function shellWord(w) {
    return /^[A-Za-z0-9_./=:,+-]+$/.test(w) ? w : "'" + w.replace(/'/g, "'\\''") + "'";
  }

  // ---------- exercise view ----------

  function exerciseView(cat, root, stem) {
    const ex = cat.exercises.find((e) => e.stem === stem);
    if (!ex) {
      root.replaceChildren(h('div', { class: 'start' }, h('p', { class: 'note' }, `No exercise '${stem}'.`), h('a', { href: '/' }, 'Back')));
      return;
    }
    document.title = `${ex.title} — cyberdip`;
    const url = new URLSearchParams(location.search);
    const panel = runPanel();
    const runsBox = h('input', { type: 'number', id: 'runs', min: 1, max: cat.limits.max_runs, step: 1, value: url.get('runs') || ex.runs });
    const results = h('div', { class: 'results', id: 'results' });
    const playedBox = h('p', { class: 'played-list', id: 'played' });
    const exportLink = h('a', { class: 'button secondary disabled', id: 'export', download: '' }, 'Export scenario');
    const downloadLink = h('a', { class: 'button secondary disabled', id: 'download', download: '' }, 'Download results');
    let played = []; // [{choice, id, runs}] in the order played; one entry per choice
    let busy = false;

    const cards = ex.choices.map((c) => {
      const btn = h('button', { class: 'choice', 'data-choice': c.name, id: 'choice-' + c.name }, c.name);
      btn.addEventListener('click', () => play(c.name));
      return h('div', { class: 'choice-card', 'data-choice': c.name },
        btn, h('p', {}, c.description),
        h('details', {}, h('summary', {}, 'What it changes'), h('ul', {}, c.set.map((s) => h('li', {}, h('code', {}, s))))));
    });

    root.replaceChildren(h('div', { class: 'exercise-view' },
      h('section', { class: 'exercise', id: 'exercise' },
        h('h1', {}, ex.title),
        h('h3', {}, 'Briefing'), paragraphs(ex.briefing),
        ex.goals.length ? [h('h3', {}, 'Learning goals'), h('ul', {}, ex.goals.map((g) => h('li', {}, g)))] : null,
        h('h3', {}, 'Choose a policy'),
        h('p', { class: 'hint' }, 'Each choice runs the scenario with that policy and joins the comparison below, ' +
          'against the scenario as written (no choice).'),
        h('div', { class: 'choices' }, cards),
        h('div', { class: 'actions' }, h('label', {}, 'Runs per choice ', runsBox), panel.cancel, exportLink, downloadLink),
        panel.progress, panel.text, panel.errors, playedBox,
        ex.questions.length ? [h('h3', {}, 'Questions'), h('ol', { id: 'questions' }, ex.questions.map((q) => h('li', {}, q)))] : null,
        ex.teacher_notes ? h('details', { class: 'teacher', id: 'teacher-notes' },
          h('summary', {}, 'Notes for the teacher'), paragraphs(ex.teacher_notes)) : null),
      results));

    function sync() {
      const q = new URLSearchParams();
      q.set('runs', runsBox.value);
      for (const p of played) q.append('play', p.choice);
      history.replaceState(null, '', '/exercise/' + encodeURIComponent(stem) + '?' + q.toString());
      playedBox.textContent = played.length ? 'Compared so far: ' + played.map((p) => p.choice).join(', ') : '';
      for (const c of root.querySelectorAll('.choice-card')) {
        c.classList.toggle('played', played.some((p) => p.choice === c.dataset.choice));
      }
    }

    async function play(choice) {
      if (busy) return;
      busy = true;
      for (const b of root.querySelectorAll('button.choice')) b.disabled = true;
      const t0 = performance.now();
      const q = new URLSearchParams({ exercise: stem, choice, runs: runsBox.value });
      try {
        const end = await panel.start(q.toString());
        if (end.state !== 'done') return;
        played = played.filter((p) => p.choice !== choice && p.runs === end.runs);
        played.push({ choice, id: end.id, runs: end.runs });
        sync();
        const ms = await showResults(results, played.map((p) => p.id), t0);
        panel.text.textContent = `${choice}: ${end.runs} runs × ${end.ticks} months in ${seconds(end.seconds)}` +
          (ms !== null ? `; first chart ${seconds(ms / 1000)} after the click` : '');
        exportLink.href = '/api/export?' + q.toString();
        exportLink.classList.remove('disabled');
        downloadLink.href = '/api/runs/' + end.id + '/download';
        downloadLink.classList.toggle('disabled', !end.files);
      } catch (e) {
        panel.fail(e.errors || [String(e)]);
      } finally {
        busy = false;
        for (const b of root.querySelectorAll('button.choice')) b.disabled = false;
      }
    }

    runsBox.addEventListener('change', () => { played = []; results.replaceChildren(); sync(); });
    sync();
    // a shared link replays its choices, in order
    (async () => { for (const c of url.getAll('play')) if (ex.choices.some((x) => x.name === c)) await play(c); })();
  }

  // ---------- start ----------

  async function main() {
    const root = document.getElementById('app');
    const where = document.getElementById('where');
    let cat;
    try {
      cat = await getJSON('/api/catalog');
    } catch (e) {
      root.replaceChildren(h('pre', { class: 'errors' }, e.message));
      return;
    }
    const path = location.pathname;
    const m = path.match(/^\/exercise\/([^/]+)$/);
    if (path === '/whatif') {
      where.textContent = 'What if… ' + cat.scenario.name;
      whatIfView(cat, root);
    } else if (m) {
      where.textContent = 'Exercise';
      exerciseView(cat, root, decodeURIComponent(m[1]));
    } else {
      root.replaceChildren(startView(cat));
    }
    document.body.dataset.ready = '1';
  }

  main();
})();

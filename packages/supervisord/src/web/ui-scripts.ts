/**
 * The web UI's browser scripts, served as `ui/status.js` and `ui/tail.js`. Plain ES2017, no
 * framework; the pages work without them (forms post and redirect), they add live updates.
 */

/** Shared by both pages: shows the "connection lost" note while the event stream is down. */
const CONNECT = `
  function follow(url, handlers) {
    var note = document.getElementById('connection-lost');
    var source = null;
    var retry = null;
    function open() {
      retry = null;
      source = new EventSource(url());
      source.onopen = function () { note.hidden = true; document.body.setAttribute('data-feed', 'open'); };
      source.onerror = function () {
        note.hidden = false;
        document.body.setAttribute('data-feed', 'lost');
        if (source.readyState === EventSource.CLOSED && retry === null) retry = setTimeout(open, 2000);
      };
      Object.keys(handlers).forEach(function (name) {
        source.addEventListener(name, function (event) {
          note.hidden = true;
          document.body.setAttribute('data-feed', 'open');
          handlers[name](event);
        });
      });
    }
    open();
  }
`;

export const STATUS_SCRIPT = `(function () {
  'use strict';
  ${CONNECT}
  var table = document.getElementById('processes');
  var message = document.getElementById('message');
  var summary = document.getElementById('summary');

  function rowsByName() {
    var rows = {};
    if (table) table.querySelectorAll('tr[data-namespec]').forEach(function (tr) { rows[tr.getAttribute('data-namespec')] = tr; });
    return rows;
  }

  function apply(snapshot) {
    var rows = rowsByName();
    var names = snapshot.processes.map(function (p) { return p.namespec; });
    var same = names.length === Object.keys(rows).length && names.every(function (n) { return rows[n]; });
    if (!same) { window.location.replace('./'); return; }
    snapshot.processes.forEach(function (p) {
      var tr = rows[p.namespec];
      tr.setAttribute('data-state', p.statename);
      var badge = tr.querySelector('.badge');
      badge.textContent = p.statename;
      badge.className = 'badge ' + p.tone;
      tr.querySelector('.desc').textContent = p.description;
      tr.querySelectorAll('button[name="action"]').forEach(function (button) {
        button.hidden = p.actions.indexOf(button.value) === -1;
      });
    });
    if (summary) summary.textContent = snapshot.summary;
  }

  function show(text) {
    message.textContent = text;
    message.hidden = false;
  }

  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!form.hasAttribute('data-live')) return;
    event.preventDefault();
    var submitter = event.submitter;
    var body = new URLSearchParams(new FormData(form));
    if (submitter && submitter.name) body.set(submitter.name, submitter.value);
    var buttons = form.querySelectorAll('button');
    buttons.forEach(function (b) { b.disabled = true; });
    form.setAttribute('aria-busy', 'true');
    fetch(form.getAttribute('action'), {
      method: 'POST', body: body, credentials: 'same-origin', headers: { Accept: 'application/json' }
    }).then(function (response) {
      return response.json().then(function (reply) { show(reply.message || reply.error); });
    }).catch(function () {
      show('The request did not reach supervisord.');
    }).then(function () {
      buttons.forEach(function (b) { b.disabled = false; });
      form.removeAttribute('aria-busy');
    });
  });

  follow(function () { return 'events/status'; }, {
    status: function (event) { apply(JSON.parse(event.data)); }
  });
})();
`;

export const TAIL_SCRIPT = `(function () {
  'use strict';
  ${CONNECT}
  var log = document.getElementById('log');
  var name = log.getAttribute('data-processname');
  if (name === null) return;
  var offset = log.getAttribute('data-offset') || '0';
  var LIMIT = 1000000;

  function atBottom() { return log.scrollHeight - log.scrollTop - log.clientHeight < 8; }
  log.scrollTop = log.scrollHeight;

  follow(function () {
    return 'events/tail?processname=' + encodeURIComponent(name) + '&offset=' + encodeURIComponent(offset);
  }, {
    append: function (event) {
      var stick = atBottom();
      log.appendChild(document.createTextNode(JSON.parse(event.data)));
      if (event.lastEventId) offset = event.lastEventId;
      if (log.textContent.length > LIMIT) log.textContent = log.textContent.slice(-LIMIT / 2);
      if (stick) log.scrollTop = log.scrollHeight;
    },
    reset: function (event) {
      log.textContent = '';
      if (event.lastEventId) offset = event.lastEventId;
    }
  });
})();
`;

/** The page icon: a small supervisor "eye" mark. */
export const ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#1f5fbf"/><path d="M6 16c2.8-4.6 6.1-7 10-7s7.2 2.4 10 7c-2.8 4.6-6.1 7-10 7s-7.2-2.4-10-7z" fill="#fff"/><circle cx="16" cy="16" r="4" fill="#1f5fbf"/><circle cx="16" cy="16" r="1.6" fill="#fff"/></svg>
`;

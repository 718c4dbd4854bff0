/* Baromètre: the questionnaire's progressive enhancement. Everything works without it; with it:
   - display logic reacts at once, with the server's own function (window.BarometreLogic, /respond/logic.js);
   - hidden questions keep what was typed (their inputs are only disabled, so they are not sent);
   - the header's language link saves the page as a draft before switching (nothing typed is lost);
   - the error summary receives focus; the resume link can be copied. */
(function () {
  'use strict';

  var summary = document.getElementById('error-summary');
  if (summary) summary.focus();

  Array.prototype.forEach.call(document.querySelectorAll('[data-copy]'), function (button) {
    var input = document.getElementById(button.getAttribute('data-copy'));
    var status = document.querySelector('.copy-status');
    if (!input) return;
    button.hidden = false;
    button.addEventListener('click', function () {
      input.select();
      var done = function () {
        if (status) status.textContent = status.getAttribute('data-copied');
      };
      if (navigator.clipboard && navigator.clipboard.writeText)
        navigator.clipboard.writeText(input.value).then(done, function () {
          document.execCommand('copy');
          done();
        });
      else {
        document.execCommand('copy');
        done();
      }
    });
  });

  var form = document.querySelector('form.survey-form');
  if (!form) return;

  Array.prototype.forEach.call(document.querySelectorAll('.lang-switch a[hreflang]'), function (headerLink) {
    var langButton = Array.prototype.filter.call(form.querySelectorAll('button[name="_action"][value="lang"]'), function (button) {
      return button.getAttribute('lang') === headerLink.getAttribute('hreflang');
    })[0];
    if (!langButton) return;
    headerLink.addEventListener('click', function (event) {
      event.preventDefault();
      if (form.requestSubmit) form.requestSubmit(langButton);
      else langButton.click();
    });
  });

  var logic = window.BarometreLogic;
  if (!logic || typeof logic.evaluateCondition !== 'function') return;
  var earlier = {};
  try {
    earlier = JSON.parse(form.getAttribute('data-answers') || '{}');
  } catch (_e) {
    earlier = {};
  }
  var questions = Array.prototype.slice.call(form.querySelectorAll('[data-question]'));

  /* A number as typed (1 200,5 or 1200.5), read as the server's parseTypedNumber reads it; the text otherwise. */
  function typedNumber(text) {
    var cleaned = text
      .trim()
      .replace(/[\s\u00a0\u202f]/g, '')
      .replace(',', '.');
    return /^[-+]?(\d+\.?\d*|\.\d+)$/.test(cleaned) ? Number(cleaned) : text;
  }

  /* The answers a visible question gives, read like the server reads the form (numbers as numbers, for comparisons). */
  function collect(question, answers) {
    var consent = question.classList.contains('consent');
    var number = question.classList.contains('number');
    Array.prototype.forEach.call(question.querySelectorAll('input, select, textarea'), function (el) {
      if (!el.name || el.disabled) return;
      if (el.type === 'radio') {
        if (el.checked) answers[el.name] = Number(el.value);
      } else if (el.type === 'checkbox') {
        if (consent) {
          if (el.checked) answers[el.name] = true;
        } else {
          if (!Array.isArray(answers[el.name])) answers[el.name] = [];
          if (el.checked) answers[el.name].push(Number(el.value));
        }
      } else if (el.tagName === 'SELECT') {
        if (el.value !== '') answers[el.name] = Number(el.value);
      } else if (el.value.trim() !== '') {
        answers[el.name] = number || el.getAttribute('inputmode') ? typedNumber(el.value) : el.value;
      }
    });
  }

  function update() {
    var answers = Object.assign({}, earlier);
    questions.forEach(function (question) {
      var raw = question.getAttribute('data-condition');
      var condition = raw ? JSON.parse(raw) : undefined;
      var visible = logic.evaluateCondition(condition, answers);
      if (question.hidden === visible) question.hidden = !visible;
      Array.prototype.forEach.call(question.querySelectorAll('input, select, textarea'), function (el) {
        el.disabled = !visible;
      });
      if (visible) collect(question, answers);
    });
  }

  form.addEventListener('change', update);
  form.addEventListener('input', update);
  update();
})();

/* Rankings: "move up / move down" buttons beside each option's rank select (the selects alone work without script). */
(function () {
  Array.prototype.forEach.call(document.querySelectorAll('fieldset.ranking'), function (fieldset) {
    var rows = Array.prototype.slice.call(fieldset.querySelectorAll('li.rank-row'));
    var max = Number(fieldset.getAttribute('data-max-rank'));
    function selectOf(row) {
      return row.querySelector('select');
    }
    function rankOf(row) {
      var value = selectOf(row).value;
      return value === '' ? 0 : Number(value);
    }
    function holder(rank) {
      var found = rows.filter(function (r) {
        return rankOf(r) === rank;
      });
      return found.length > 0 ? found[0] : null;
    }
    function move(row, delta) {
      var current = rankOf(row);
      var ranked = rows.filter(function (r) {
        return rankOf(r) > 0;
      }).length;
      // an unranked option moved up takes the next free rank; a ranked one swaps with its neighbour
      var target = current === 0 ? (delta < 0 ? ranked + 1 : 0) : current + delta;
      if (target < 1 || target > max) return;
      var other = holder(target);
      if (other) selectOf(other).value = current === 0 ? '' : String(current);
      selectOf(row).value = String(target);
      selectOf(row).dispatchEvent(new Event('change', { bubbles: true }));
      selectOf(row).focus();
    }
    rows.forEach(function (row) {
      ['up', 'down'].forEach(function (direction) {
        var button = document.createElement('button');
        button.type = 'button';
        button.className = 'rank-move secondary';
        button.textContent = direction === 'up' ? '↑' : '↓';
        button.setAttribute('aria-label', row.getAttribute('data-' + direction) || direction);
        button.addEventListener('click', function () {
          move(row, direction === 'up' ? -1 : 1);
        });
        row.appendChild(button);
      });
    });
  });
})();

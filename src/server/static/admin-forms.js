// Workspace forms: a chosen CSV file fills its textarea (the form still posts plain text).
document.querySelectorAll('input[type="file"][data-fills]').forEach((input) => {
  input.addEventListener('change', () => {
    const file = input.files && input.files[0];
    const target = document.getElementById(input.dataset.fills);
    if (!file || !target) return;
    file.text().then((text) => {
      target.value = text;
    });
  });
});

// A choice that shows a field only for some of its values (`data-controls` names the field's block, whose
// `data-shown-for` lists those values); without JavaScript the field is always there.
document.querySelectorAll('select[data-controls]').forEach((select) => {
  const target = document.getElementById(select.dataset.controls);
  if (!target) return;
  const values = (target.dataset.shownFor || '').split(' ');
  const update = () => {
    const shown = values.includes(select.value);
    target.hidden = !shown;
    target.querySelectorAll('input').forEach((input) => {
      input.disabled = !shown;
      input.required = shown;
    });
  };
  select.addEventListener('change', update);
  update();
});

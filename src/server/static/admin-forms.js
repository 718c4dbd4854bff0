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

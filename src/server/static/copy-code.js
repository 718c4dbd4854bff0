// Copy buttons of the embed codes (progressive enhancement): without this script the buttons stay hidden
// and the code is selected and copied by hand from its read-only text area.
for (const button of document.querySelectorAll('button.copy-code[data-copy]')) {
  const field = document.getElementById(button.dataset.copy);
  const status = button.parentElement.querySelector('.copy-status');
  if (!field) continue;
  button.hidden = false;
  button.addEventListener('click', async () => {
    field.select();
    try {
      await navigator.clipboard.writeText(field.value);
    } catch {
      document.execCommand('copy');
    }
    if (status) status.textContent = button.dataset.copied;
  });
}

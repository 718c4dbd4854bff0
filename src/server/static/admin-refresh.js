// Fieldwork monitor: reloads the page every data-refresh seconds while the "update automatically" box is ticked.
const box = document.querySelector('input[data-refresh]');
if (box) {
  const seconds = Number(box.dataset.refresh) || 60;
  let timer;
  const arm = () => {
    clearTimeout(timer);
    if (box.checked) timer = setTimeout(() => location.reload(), seconds * 1000);
  };
  box.addEventListener('change', arm);
  arm();
}

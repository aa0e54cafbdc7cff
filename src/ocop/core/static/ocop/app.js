// Behaviour without inline handlers, so the Content-Security-Policy can forbid inline scripts.
document.addEventListener("change", (event) => {
  if (event.target.matches("[data-autosubmit]")) event.target.form.submit();
});
document.addEventListener("click", (event) => {
  if (event.target.matches("[data-print]")) window.print();
});

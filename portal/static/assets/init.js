import { initAll } from './govuk-frontend.min.js?v=8982af0b181bb907'

initAll()

// Print buttons need JavaScript, so they are hidden until it runs.
for (const button of document.querySelectorAll('[data-module="app-print"]')) {
  button.hidden = false
  button.addEventListener('click', () => window.print())
}

// GOV.UK Frontend's components start just after the page is first drawn, so that a slow phone shows the
// page before it runs the script. Until then the page is laid out as it will be after (the narrow-screen
// menu in src/_session.scss), so nothing moves when they start.
requestAnimationFrame(() => setTimeout(async () => {
  const { initAll } = await import('./govuk-frontend.min.js?v=8982af0b181bb907')

  initAll()

  // Print buttons need JavaScript, so they are hidden until it runs.
  for (const button of document.querySelectorAll('[data-module="app-print"]')) {
    button.hidden = false
    button.addEventListener('click', () => window.print())
  }
}))

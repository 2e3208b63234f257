// The timeout warning (after the GOV.UK and HMRC pattern). Two minutes before a signed-in session
// ends, a modal dialog says so, with "Stay signed in" and "Sign out". Focus moves into the dialog;
// Escape means "Stay signed in". The countdown is read out by screen readers only now and then:
// when the dialog opens, at one minute, and at 20 seconds.
//
// The server decides when a session ends. Before warning, and before saying the session has ended,
// this asks the server how long is left: the person may have kept busy in another tab.
// Without JavaScript none of this happens, and the server still ends idle sessions.

const dialog = document.getElementById('app-timeout-dialog')

if (dialog && typeof dialog.showModal === 'function') {
  const data = dialog.dataset
  const warnBefore = Number(data.warnBefore) * 1000
  const countdown = dialog.querySelector('.app-timeout-dialog__countdown')
  const announce = dialog.querySelector('.app-timeout-dialog__announce')
  const stay = dialog.querySelector('.app-timeout-dialog__stay')
  const close = dialog.querySelector('.app-timeout-dialog__close')
  const signOutForm = dialog.querySelector('form')
  const csrfToken = signOutForm.querySelector('input[name="csrf_token"]').value
  let endsAt = Date.now() + Number(data.secondsLeft) * 1000
  let timer = null
  let ticker = null
  let lastSpoken = null
  let typed = false
  let over = false // the session has ended: this page does nothing more by itself

  // Something typed on the page and not sent yet: then we never leave the page by ourselves.
  document.addEventListener('input', (event) => {
    if (!dialog.contains(event.target)) typed = true
  })
  document.addEventListener('submit', () => { over = true }) // the page is being sent: leave it alone

  const words = (secondsLeft) => {
    if (secondsLeft > 60) return data.twoMinutes
    if (secondsLeft === 60) return data.oneMinute
    if (secondsLeft === 1) return data.oneSecond
    return data.seconds.replace('{n}', String(secondsLeft))
  }

  const schedule = () => {
    clearTimeout(timer)
    timer = setTimeout(check, Math.max(0, endsAt - Date.now() - warnBefore))
  }

  const ask = async () => {
    const response = await fetch(data.timeLeftUrl, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    if (!response.ok) throw new Error('time left: ' + response.status)
    return (await response.json()).seconds_left
  }

  async function check () {
    if (over) return
    let secondsLeft
    try {
      secondsLeft = await ask()
    } catch {
      secondsLeft = Math.round((endsAt - Date.now()) / 1000) // the server did not answer: go by our own clock
    }
    if (over) return
    endsAt = Date.now() + secondsLeft * 1000
    if (secondsLeft <= 0) return ended()
    if (secondsLeft * 1000 > warnBefore + 5000) return schedule()
    open()
  }

  const tick = () => {
    const secondsLeft = Math.max(0, Math.ceil((endsAt - Date.now()) / 1000))
    const shown = secondsLeft > 60 ? 120 : (secondsLeft > 59 ? 60 : secondsLeft)
    countdown.textContent = words(shown)
    // Speak when the dialog opens, at one minute and at 20 seconds; not every second.
    const spoken = secondsLeft > 60 ? 'two' : (secondsLeft > 20 ? 'one' : 'twenty')
    if (spoken !== lastSpoken) {
      lastSpoken = spoken
      announce.textContent = words(spoken === 'two' ? 120 : (spoken === 'one' ? 60 : secondsLeft))
    }
    if (secondsLeft <= 0) {
      clearInterval(ticker)
      check()
    }
  }

  function open () {
    if (!dialog.open) {
      lastSpoken = null
      dialog.showModal()
      stay.focus()
    }
    clearInterval(ticker)
    tick()
    ticker = setInterval(tick, 1000)
  }

  const shut = () => {
    clearInterval(ticker)
    if (dialog.open) dialog.close()
  }

  async function stayed () {
    try {
      const response = await fetch(data.stayUrl, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'X-CSRFToken': csrfToken, Accept: 'application/json' }
      })
      if (response.status === 401) return ended()
      if (!response.ok) throw new Error('stay signed in: ' + response.status)
      endsAt = Date.now() + (await response.json()).seconds_left * 1000
      shut()
      schedule()
    } catch {
      // Could not reach the server: keep the dialog, and let the person try again.
      stay.focus()
    }
  }

  function ended () {
    if (over) return
    over = true
    clearTimeout(timer)
    clearInterval(ticker)
    if (!typed) {
      window.location.assign(data.signedOutUrl)
      return
    }
    // Leave the page as it is, so nothing typed is lost: sending it after signing in again keeps it.
    if (!dialog.open) dialog.showModal()
    dialog.querySelector('h2').textContent = data.endedHeading
    dialog.querySelector('#app-timeout-dialog-text').textContent = data.endedText
    for (const part of [countdown, dialog.querySelector('.app-timeout-dialog__keep'), stay, signOutForm]) {
      part.hidden = true
    }
    announce.textContent = data.endedText
    close.hidden = false
    close.focus()
  }

  stay.addEventListener('click', stayed)
  close.addEventListener('click', () => dialog.close())
  dialog.addEventListener('cancel', (event) => {
    // Escape: "Stay signed in" while there is time; after the end, only close the message.
    if (close.hidden) {
      event.preventDefault()
      stayed()
    }
  })
  schedule()
}

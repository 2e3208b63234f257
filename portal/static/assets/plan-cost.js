// The live total on the support plan's item page.
//
// As the person types how much, or picks how often, this asks the portal what the item costs and
// what the plan comes to with it. The portal works it out with the same rules as the saved plan,
// so there is one source of truth. The answer goes into a polite live region, so screen readers
// read it out when the person pauses. Without JavaScript, "Work out the cost" does the same.
const form = document.querySelector('form[data-module="app-plan-cost"]')
const region = document.getElementById('item-cost-lines')

if (form && region) {
  const fields = ['quantity', 'amount', 'frequency']
  let timer = null
  let controller = null

  const update = async () => {
    const data = new FormData(form)
    const params = new URLSearchParams({ help: form.dataset.help })
    if (form.dataset.item) params.set('item', form.dataset.item)
    for (const name of fields) {
      const value = data.get(name)
      if (value !== null) params.set(name, value)
    }
    if (controller) controller.abort()
    controller = new AbortController()
    try {
      const response = await fetch(`${form.dataset.costUrl}?${params}`, {
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
        signal: controller.signal
      })
      if (!response.ok) return
      const { lines } = await response.json()
      const paragraphs = lines.map((line) => {
        const p = document.createElement('p')
        p.className = 'govuk-body'
        p.textContent = line
        return p
      })
      region.replaceChildren(...paragraphs)
    } catch (error) {
      // A cancelled or failed request leaves the last total in place; saving still works.
    }
  }

  const later = (event) => {
    if (!fields.includes(event.target.name)) return
    clearTimeout(timer)
    timer = setTimeout(update, 400)
  }
  form.addEventListener('input', later)
  form.addEventListener('change', later)
}

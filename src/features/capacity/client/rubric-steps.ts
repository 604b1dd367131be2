// The capacity rubric on a phone, one dimension at a time (28 items are about 30 000 px on one page). The
// server renders every dimension: without this script, or on a wide screen, they all show. The radios in
// hidden steps are still sent with the form. After a refused save, the first unanswered item is shown and
// focused instead of the top of the page.

const PHONE = '(max-width: 40rem)';

function setUpSteps(form: HTMLFormElement): void {
  const steps = [...form.querySelectorAll<HTMLFieldSetElement>('fieldset.capacity-dimension')];
  const end = form.querySelector<HTMLElement>('.capacity-form__end');
  const invalid = form.querySelector<HTMLElement>('.capacity-item[aria-invalid="true"]');
  const stepped = window.matchMedia(PHONE).matches && steps.length > 1 && end !== null;
  const stepOf = (element: Element) =>
    Math.max(
      0,
      steps.findIndex((step) => step.contains(element)),
    );
  let current = invalid ? stepOf(invalid) : 0;

  const show = (index: number) => {
    current = index;
    steps.forEach((step, i) => (step.hidden = i !== index));
    if (end) end.hidden = index !== steps.length - 1;
  };

  if (stepped) {
    const label = form.dataset['stepLabel'] ?? '{n}';
    steps.forEach((step, index) => {
      step.tabIndex = -1;
      const nav = document.createElement('div');
      nav.className = 'capacity-steps';
      const where = document.createElement('p');
      where.className = 'capacity-steps__where';
      where.textContent = label.replace('{n}', String(index + 1));
      const move = (to: number, text: string, secondary: boolean) => {
        const button = document.createElement('button');
        button.type = 'button';
        button.textContent = text;
        if (secondary) button.className = 'button--secondary';
        button.addEventListener('click', () => {
          show(to);
          steps[to]?.scrollIntoView({ block: 'start' });
          steps[to]?.focus({ preventScroll: true });
        });
        return button;
      };
      nav.append(where);
      if (index > 0) nav.append(move(index - 1, form.dataset['back'] ?? '←', true));
      if (index < steps.length - 1) nav.append(move(index + 1, form.dataset['next'] ?? '→', false));
      step.append(nav);
    });
    show(current);
    // A link to an item (the error list) opens its step first.
    form.addEventListener('click', (event) => {
      const link = event.target instanceof Element ? event.target.closest('a[href^="#butir-"]') : null;
      const target = link ? document.getElementById(link.getAttribute('href')?.slice(1) ?? '') : null;
      if (target) show(stepOf(target));
    });
  }

  if (invalid) {
    invalid.scrollIntoView({ block: 'start' });
    invalid.querySelector<HTMLInputElement>('input[type="radio"]')?.focus({ preventScroll: true });
  }
}

const form = document.querySelector<HTMLFormElement>('form.capacity-form');
if (form) setUpSteps(form);

// A module of its own: its names do not meet other client scripts' names.
export {};

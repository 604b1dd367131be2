// "Tambah orang" with JavaScript: only the parts that fit the chosen role show. A member gets a KUBE and a
// PIN, an officer a KUBE and a password, a facilitator or admin only a password. Hidden inputs are disabled,
// so they send nothing; the roles each part is for come from the server (data-pin-roles, data-kube-roles).

const rolesOf = (form: HTMLFormElement, key: string) => (form.dataset[key] ?? '').split(' ').filter(Boolean);

function showPart(form: HTMLFormElement, part: string, shown: boolean): void {
  const box = form.querySelector<HTMLElement>(`[data-part="${part}"]`);
  if (!box) return;
  box.hidden = !shown;
  for (const input of box.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input, select')) {
    input.disabled = !shown;
  }
}

function setUp(form: HTMLFormElement): void {
  const role = form.querySelector<HTMLSelectElement>('select[name="role"]');
  if (!role) return;
  const pinRoles = rolesOf(form, 'pinRoles');
  const kubeRoles = rolesOf(form, 'kubeRoles');
  const update = () => {
    const pin = pinRoles.includes(role.value);
    showPart(form, 'kube', kubeRoles.includes(role.value));
    showPart(form, 'pin', pin);
    showPart(form, 'password', !pin);
    // The hint says "fill in only one of them": with one shown, there is nothing to choose.
    showPart(form, 'secret-hint', false);
  };
  role.addEventListener('change', update);
  update();
}

for (const form of document.querySelectorAll<HTMLFormElement>('form[data-new-person]')) setUp(form);

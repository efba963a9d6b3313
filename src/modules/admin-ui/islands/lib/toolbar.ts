/**
 * A toolbar that is one tab stop (WAI-ARIA Authoring Practices, "Toolbar" pattern):
 * Tab enters it on the last used button, Left/Right move between buttons (wrapping),
 * Home/End go to the ends, Escape hands focus back to whatever the toolbar serves.
 * Disabled and hidden buttons are skipped.
 */
export function makeRovingToolbar(toolbar: HTMLElement, { onEscape }: { onEscape?: () => void } = {}): { refresh: () => void } {
  const usable = () => [...toolbar.querySelectorAll<HTMLButtonElement>('button')].filter((button) => !button.disabled && !button.hidden);
  let current: HTMLButtonElement | undefined;

  const makeCurrent = (button: HTMLButtonElement) => {
    current = button;
    for (const other of toolbar.querySelectorAll<HTMLButtonElement>('button')) other.tabIndex = other === button ? 0 : -1;
  };

  const refresh = () => {
    const buttons = usable();
    if (current && buttons.includes(current)) makeCurrent(current);
    else if (buttons[0]) makeCurrent(buttons[0]);
  };

  toolbar.addEventListener('focusin', (event) => {
    if (event.target instanceof HTMLButtonElement && toolbar.contains(event.target)) makeCurrent(event.target);
  });
  toolbar.addEventListener('keydown', (event) => {
    const buttons = usable();
    if (!buttons.length) return;
    const index = current ? buttons.indexOf(current) : -1;
    let next: HTMLButtonElement | undefined;
    if (event.key === 'ArrowRight') next = buttons[(index + 1) % buttons.length];
    else if (event.key === 'ArrowLeft') next = buttons[(index - 1 + buttons.length) % buttons.length];
    else if (event.key === 'Home') next = buttons[0];
    else if (event.key === 'End') next = buttons[buttons.length - 1];
    else if (event.key === 'Escape' && onEscape) {
      event.preventDefault();
      onEscape();
      return;
    }
    if (!next) return;
    event.preventDefault();
    makeCurrent(next);
    next.focus();
  });

  refresh();
  return { refresh };
}

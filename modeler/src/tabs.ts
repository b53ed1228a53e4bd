/**
 * The parts of a service (process, decisions) as ARIA tabs: one panel shown at a time; arrow keys move
 * between the tabs, as the WAI-ARIA tabs pattern has it.
 */
export function setUpTabs(tablist: HTMLElement, onShow: (panelId: string) => void): (panelId: string) => void {
  const tabs = [...tablist.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
  const show = (panelId: string) => {
    for (const tab of tabs) {
      const selected = tab.getAttribute('aria-controls') === panelId;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
      document.getElementById(tab.getAttribute('aria-controls')!)!.hidden = !selected;
    }
    onShow(panelId);
  };
  tablist.addEventListener('click', (event) => {
    const tab = (event.target as HTMLElement).closest<HTMLButtonElement>('[role="tab"]');
    if (tab) show(tab.getAttribute('aria-controls')!);
  });
  tablist.addEventListener('keydown', (event) => {
    const at = tabs.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0 || (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft')) return;
    const next = tabs[(at + (event.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length]!;
    next.focus();
    show(next.getAttribute('aria-controls')!);
  });
  return show;
}

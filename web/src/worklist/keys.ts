// Keyboard moves through a list of links: j or ArrowDown to the next, k or ArrowUp to the previous, / to a search field,
// Escape out of a field.
import { useEffect } from 'react';

function typing(el: EventTarget | null): boolean {
  return el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

export function useListKeys(selector: string, searchId: string): void {
  useEffect(() => {
    const on = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      // Escape leaves a filter field, so j and k move through the list again
      if (typing(e.target)) { if (e.key === 'Escape') (e.target as HTMLElement).blur(); return; }
      if (e.key === '/') {
        e.preventDefault();
        document.getElementById(searchId)?.focus();
        return;
      }
      const down = e.key === 'j' || (e.key === 'ArrowDown' && document.activeElement?.matches(selector));
      const up = e.key === 'k' || (e.key === 'ArrowUp' && document.activeElement?.matches(selector));
      if (!down && !up) return;
      const links = [...document.querySelectorAll<HTMLElement>(selector)];
      if (links.length === 0) return;
      e.preventDefault();
      const at = links.indexOf(document.activeElement as HTMLElement);
      const next = at < 0 ? 0 : Math.min(links.length - 1, Math.max(0, at + (down ? 1 : -1)));
      links[next]!.focus();
      links[next]!.scrollIntoView({ block: 'nearest' });
    };
    document.addEventListener('keydown', on);
    return () => document.removeEventListener('keydown', on);
  }, [selector, searchId]);
}

import { useEffect } from 'react';

/**
 * When the focused control leaves the page — the Archive button of a message that just left, the Undo of a
 * toast that closed, the mail frame of a reader that closed — the browser drops focus on <body> and the next
 * Tab starts from the top. This puts focus back where the person was working instead: the selected row of
 * the list (or its first row), else `fallbackSelector`.
 */
export function useFocusRescue(rootSelector: string, fallbackSelector: string): void {
  useEffect(() => {
    let lastFocused: Element | null = document.activeElement;
    const onFocusIn = (event: FocusEvent) => {
      lastFocused = event.target instanceof Element ? event.target : null;
    };
    // Focus going into the mail frame blurs the window rather than moving focus in this document.
    const onWindowBlur = () => {
      if (document.activeElement instanceof HTMLIFrameElement) lastFocused = document.activeElement;
    };
    const rescue = () => {
      const active = document.activeElement;
      if (active !== null && active !== document.body) return;
      if (lastFocused === null || lastFocused.isConnected) return;
      const root = document.querySelector(rootSelector);
      if (!root) return;
      const target =
        root.querySelector<HTMLElement>('[role="option"][aria-selected="true"]') ??
        root.querySelector<HTMLElement>('[role="option"][tabindex="0"]') ??
        root.querySelector<HTMLElement>(fallbackSelector);
      lastFocused = null;
      target?.focus({ preventScroll: false });
    };
    // After React's commit (removal) and the selection's own focus move have both run.
    let pending = 0;
    const observer = new MutationObserver(() => {
      if (pending) return;
      pending = window.requestAnimationFrame(() => {
        pending = 0;
        rescue();
      });
    });
    observer.observe(document.body, { childList: true, subtree: true });
    document.addEventListener('focusin', onFocusIn);
    window.addEventListener('blur', onWindowBlur);
    return () => {
      window.removeEventListener('blur', onWindowBlur);
      observer.disconnect();
      window.cancelAnimationFrame(pending);
      document.removeEventListener('focusin', onFocusIn);
    };
  }, [rootSelector, fallbackSelector]);
}

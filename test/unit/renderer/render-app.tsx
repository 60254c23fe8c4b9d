import { render } from '@testing-library/react';
import { App } from '../../../renderer/src/app/App.js';

/**
 * jsdom has no layout: give the list's scroll box the size of a window (800 px tall) so the
 * virtualizer renders the rows a person would see.
 */
export const LIST_VIEWPORT_HEIGHT = 800;
let layoutStubbed = false;
export function stubListLayout(): void {
  if (layoutStubbed) return;
  layoutStubbed = true;
  const size = (element: HTMLElement, value: number) => (element.classList.contains('list-scroll') ? value : 0);
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return size(this, LIST_VIEWPORT_HEIGHT);
    },
  });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', {
    configurable: true,
    get(this: HTMLElement) {
      return size(this, 400);
    },
  });
  // jsdom does not implement scrolling; the virtualizer scrolls the selected row into view.
  HTMLElement.prototype.scrollTo = function scrollTo(this: HTMLElement, options?: ScrollToOptions | number) {
    if (typeof options === 'object' && options.top !== undefined) this.scrollTop = options.top;
  } as typeof HTMLElement.prototype.scrollTo;
}

/** Renders the whole renderer into a `#root`, as index.html does, and returns that element. */
export function renderApp(): HTMLElement {
  stubListLayout();
  const root = document.createElement('div');
  root.id = 'root';
  root.setAttribute('data-app-state', 'loading');
  document.body.append(root);
  render(<App />, { container: root });
  return root;
}

/**
 * What must never be in a rendered mail frame: active or remote-loading elements, event handlers, script URLs,
 * or anything naming the remote host other than a link (links open only through the link guard).
 * Self-contained, so Playwright can run it inside a frame (`frame.evaluate(mailFrameFindings, origin)`) and the
 * in-page harness can call it on each of its frames.
 */
export function mailFrameFindings(remoteOrigin: string, doc: Document = document): string[] {
  const findings: string[] = [];
  const remoteHost = remoteOrigin.replace(/^https?:/, '');
  for (const element of doc.body.querySelectorAll('*')) {
    const tag = element.tagName.toLowerCase();
    if (/^(?:script|iframe|frame|frameset|object|embed|applet|form|input|button|meta|base|link|portal)$/.test(tag)) {
      findings.push(`<${tag}>`);
    }
    for (const name of element.getAttributeNames()) {
      const value = element.getAttribute(name) ?? '';
      if (/^on/i.test(name)) findings.push(`${tag} ${name}`);
      if (/^\s*(?:javascript|vbscript|data:text)/i.test(value)) findings.push(`${tag} ${name}=${value.slice(0, 60)}`);
      const isLink = (tag === 'a' || tag === 'area') && name === 'href';
      if (!isLink && value.includes(remoteHost)) findings.push(`${tag} ${name}=${value.slice(0, 80)}`);
    }
  }
  for (const style of doc.querySelectorAll('style')) {
    if ((style.textContent ?? '').includes(remoteHost)) findings.push('a <style> naming the remote host');
  }
  return findings;
}

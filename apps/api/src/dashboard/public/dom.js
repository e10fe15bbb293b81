// A tiny element builder: text goes through textContent, never innerHTML, so data from the database is never markup.

/** el('td', { className: 'x' }, 'text', childNode) */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key.includes('-')) node.setAttribute(key, value);
    else node[key] = value;
  }
  for (const child of children) node.append(child instanceof Node ? child : String(child ?? ''));
  return node;
}

/** A <div><dt/><dd/></div> pair for a <dl class="figures">. */
export function figure(label, value, className = '') {
  return el('div', {}, el('dt', {}, label), el('dd', { className }, value));
}

/** Runs `render` once per animation frame however often it is requested. */
export function frameScheduler(render) {
  let pending = false;
  return () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      render();
    });
  };
}

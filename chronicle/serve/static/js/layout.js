// A force layout (after Fruchterman and Reingold): near nodes repel, edges pull, a pull to the centre
// keeps separate components together; the step shrinks each round so the layout settles.

/** Positions {id: [x, y]} inside width × height for nodes [{id}] and edges [{source, target, weight}]. */
export function forceLayout(nodes, edges, width, height, rounds = 300) {
  const n = nodes.length;
  const k = Math.sqrt((width * height) / Math.max(1, n)) * 0.45;
  const index = new Map(nodes.map((node, i) => [node.id, i]));
  // A circle to start from: deterministic, so the same data draws the same picture.
  const pos = nodes.map((_, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, n);
    return [width / 2 + (width / 3) * Math.cos(angle), height / 2 + (height / 3) * Math.sin(angle)];
  });
  const links = edges.map((e) => [index.get(e.source), index.get(e.target), Math.log2(1 + (e.weight || 1))])
    .filter(([a, b]) => a !== undefined && b !== undefined && a !== b);
  const reach = 9 * k * k;
  let step = width / 10;
  for (let round = 0; round < rounds; round++) {
    const move = pos.map(() => [0, 0]);
    for (let a = 0; a < n; a++) {
      for (let b = a + 1; b < n; b++) {
        const dx = pos[a][0] - pos[b][0] || 0.01;
        const dy = pos[a][1] - pos[b][1] || 0.01;
        const d2 = dx * dx + dy * dy;
        // Far nodes do not push (as in the grid variant): separate components then gather near the centre.
        if (d2 > reach) continue;
        const f = (k * k) / d2;
        move[a][0] += dx * f; move[a][1] += dy * f;
        move[b][0] -= dx * f; move[b][1] -= dy * f;
      }
    }
    for (const [a, b, w] of links) {
      const dx = pos[a][0] - pos[b][0];
      const dy = pos[a][1] - pos[b][1];
      const d = Math.sqrt(dx * dx + dy * dy) || 0.01;
      const f = (d * w) / k;
      move[a][0] -= dx * f; move[a][1] -= dy * f;
      move[b][0] += dx * f; move[b][1] += dy * f;
    }
    for (let i = 0; i < n; i++) {
      move[i][0] += (width / 2 - pos[i][0]) * 0.05;
      move[i][1] += (height / 2 - pos[i][1]) * 0.05;
      const len = Math.hypot(move[i][0], move[i][1]) || 1;
      const by = Math.min(len, step);
      pos[i][0] = Math.min(width - 40, Math.max(40, pos[i][0] + (move[i][0] / len) * by));
      pos[i][1] = Math.min(height - 30, Math.max(30, pos[i][1] + (move[i][1] / len) * by));
    }
    step = Math.max(0.5, step * 0.97);
  }
  return Object.fromEntries(nodes.map((node, i) => [node.id, pos[i]]));
}

// Draws every <canvas data-chart='{Chart.js config}'> on the page; the configuration comes from the
// server in a data attribute because the console's CSP allows no inline script.
document.addEventListener("DOMContentLoaded", () => {
	document.querySelectorAll("canvas[data-chart]").forEach((canvas) => {
		new Chart(canvas, JSON.parse(canvas.dataset.chart));
	});
});

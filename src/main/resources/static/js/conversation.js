// Clears the reply box once the answer was taken, and keeps the thread scrolled to the newest message.
document.addEventListener("htmx:afterRequest", (event) => {
	const form = event.detail.elt;
	if (form instanceof HTMLFormElement && form.classList.contains("reply-form") && event.detail.successful) {
		form.reset();
	}
});
document.addEventListener("htmx:afterSwap", (event) => {
	if (event.detail.target && event.detail.target.id === "thread") {
		const last = event.detail.target.lastElementChild;
		if (last) {
			last.scrollIntoView({ block: "nearest" });
		}
	}
});

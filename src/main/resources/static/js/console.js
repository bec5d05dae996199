// Sends the CSRF token with every htmx request, so that console actions made without a full page
// load are protected like forms are.
document.addEventListener("htmx:configRequest", (event) => {
	const token = document.querySelector('meta[name="_csrf"]');
	const header = document.querySelector('meta[name="_csrf_header"]');
	if (token && header) {
		event.detail.headers[header.content] = token.content;
	}
});

// A form with data-confirm asks before it posts (inline handlers are refused by the CSP)
document.addEventListener("submit", (event) => {
	const question = event.target.dataset ? event.target.dataset.confirm : null;
	if (question && !window.confirm(question)) {
		event.preventDefault();
	}
});

// Sends the CSRF token with every htmx request, so that console actions made without a full page
// load are protected like forms are.
document.addEventListener("htmx:configRequest", (event) => {
	const token = document.querySelector('meta[name="_csrf"]');
	const header = document.querySelector('meta[name="_csrf_header"]');
	if (token && header) {
		event.detail.headers[header.content] = token.content;
	}
});

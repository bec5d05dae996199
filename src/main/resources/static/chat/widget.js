// The Omnis web chat: one script tag on any site, <script src="https://omnis.example/chat/widget.js?channel=WRITE_KEY">.
// The visitor is the browser's anonymous id, the same ajs_anonymous_id analytics.js keeps in localStorage, so that
// what she says here and what she does on the site are one person, before and after she signs in.
// Everything shown is set as text (textContent), never as markup.
(function () {
	"use strict";
	var script = document.currentScript;
	if (!script || window.OmnisChat) {
		return;
	}
	var source = new URL(script.src);
	var writeKey = source.searchParams.get("channel");
	var base = source.origin;
	var tokenKey = "omnis_chat_token:" + writeKey;
	var seen = {};
	var stream = null;

	function read(key) {
		try {
			var value = window.localStorage.getItem(key);
			if (value === null) {
				return null;
			}
			try {
				var parsed = JSON.parse(value);
				return parsed === null ? null : String(parsed);
			} catch (notJson) {
				return value;
			}
		} catch (blocked) {
			return null;
		}
	}

	function write(key, value) {
		try {
			window.localStorage.setItem(key, JSON.stringify(value));
		} catch (blocked) {
			// Private mode: the conversation lasts as long as the page
		}
	}

	function randomId() {
		var bytes = new Uint8Array(16);
		window.crypto.getRandomValues(bytes);
		bytes[6] = (bytes[6] & 0x0f) | 0x40;
		bytes[8] = (bytes[8] & 0x3f) | 0x80;
		var hex = Array.prototype.map.call(bytes, function (b) { return (b + 0x100).toString(16).substring(1); }).join("");
		return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
			+ hex.substring(16, 20) + "-" + hex.substring(20);
	}

	function anonymousId() {
		var id = read("ajs_anonymous_id");
		if (!id) {
			id = randomId();
			write("ajs_anonymous_id", id);
		}
		return id;
	}

	var host = document.createElement("div");
	host.id = "omnis-chat";
	var root = host.attachShadow({ mode: "open" });
	var style = document.createElement("style");
	style.textContent = ":host{all:initial;position:fixed;right:20px;bottom:20px;z-index:2147483000;"
		+ "font:15px/1.4 system-ui,sans-serif;color:#1d2330}"
		+ "button{font:inherit;border:0;border-radius:8px;background:#2f5bea;color:#fff;padding:.6rem 1rem;cursor:pointer}"
		+ ".panel{display:none;width:320px;max-width:90vw;background:#fff;border:1px solid #d0d5dd;border-radius:12px;"
		+ "box-shadow:0 8px 30px rgba(0,0,0,.15);overflow:hidden;margin-bottom:8px}"
		+ ".panel.open{display:block}.head{background:#1d2330;color:#fff;padding:.6rem .9rem;font-weight:600}"
		+ ".log{height:280px;overflow-y:auto;padding:.6rem;display:flex;flex-direction:column;gap:.4rem}"
		+ ".msg{max-width:80%;padding:.4rem .6rem;border-radius:10px;white-space:pre-wrap;overflow-wrap:anywhere}"
		+ ".IN{align-self:flex-end;background:#2f5bea;color:#fff}.OUT{align-self:flex-start;background:#eef1f6}"
		+ ".who{display:block;font-size:.75rem;opacity:.75}"
		+ "form{display:flex;flex-direction:column;gap:.4rem;padding:.6rem;border-top:1px solid #e4e7ec}"
		+ "input,textarea{font:inherit;border:1px solid #c9ced6;border-radius:6px;padding:.4rem}"
		+ ".error{color:#b42318;font-size:.85rem}";
	var panel = document.createElement("div");
	panel.className = "panel";
	panel.setAttribute("role", "dialog");
	panel.setAttribute("aria-label", "Chat");
	var head = document.createElement("div");
	head.className = "head";
	head.textContent = "Chat with us";
	var log = document.createElement("div");
	log.className = "log";
	log.id = "omnis-chat-log";
	log.setAttribute("role", "log");
	log.setAttribute("aria-live", "polite");
	var form = document.createElement("form");
	var email = document.createElement("input");
	email.type = "email";
	email.id = "omnis-chat-email";
	email.placeholder = "Your e-mail (so we can answer later)";
	email.setAttribute("aria-label", "Your e-mail");
	var text = document.createElement("textarea");
	text.id = "omnis-chat-text";
	text.rows = 2;
	text.placeholder = "Write a message";
	text.setAttribute("aria-label", "Message");
	var error = document.createElement("div");
	error.className = "error";
	error.id = "omnis-chat-error";
	var send = document.createElement("button");
	send.type = "submit";
	send.id = "omnis-chat-send";
	send.textContent = "Send";
	form.append(email, text, error, send);
	panel.append(head, log, form);
	var toggle = document.createElement("button");
	toggle.type = "button";
	toggle.id = "omnis-chat-open";
	toggle.textContent = "Chat with us";
	root.append(style, panel, toggle);

	function render(message) {
		if (!message || seen[message.id]) {
			return;
		}
		seen[message.id] = true;
		var bubble = document.createElement("div");
		bubble.className = "msg " + (message.direction === "IN" ? "IN" : "OUT");
		bubble.setAttribute("data-id", message.id);
		var who = document.createElement("span");
		who.className = "who";
		who.textContent = message.direction === "IN" ? "You" : message.author;
		var body = document.createElement("span");
		body.className = "body";
		body.textContent = message.body;
		bubble.append(who, body);
		log.append(bubble);
		log.scrollTop = log.scrollHeight;
	}

	function query() {
		return "key=" + encodeURIComponent(writeKey) + "&anonymousId=" + encodeURIComponent(anonymousId())
			+ "&token=" + encodeURIComponent(read(tokenKey) || "");
	}

	function connect() {
		if (stream || !read(tokenKey)) {
			return;
		}
		fetch(base + "/chat/v1/messages?" + query()).then(function (response) {
			return response.ok ? response.json() : { messages: [] };
		}).then(function (history) {
			history.messages.forEach(render);
		});
		stream = new EventSource(base + "/chat/v1/stream?" + query());
		stream.addEventListener("message", function (event) {
			render(JSON.parse(event.data));
		});
	}

	form.addEventListener("submit", function (event) {
		event.preventDefault();
		var body = text.value;
		if (!body.trim()) {
			return;
		}
		error.textContent = "";
		send.disabled = true;
		fetch(base + "/chat/v1/messages", {
			method: "POST",
			headers: { "Content-Type": "text/plain" },
			body: JSON.stringify({
				writeKey: writeKey, anonymousId: anonymousId(), userId: read("ajs_user_id"),
				email: email.value.trim() || null, text: body, token: read(tokenKey)
			})
		}).then(function (response) {
			return response.json().then(function (answer) {
				if (!response.ok) {
					throw new Error(answer.detail || "The message could not be sent");
				}
				return answer;
			});
		}).then(function (answer) {
			write(tokenKey, answer.token);
			text.value = "";
			render(answer.message);
			connect();
		}).catch(function (failure) {
			error.textContent = failure.message;
		}).finally(function () {
			send.disabled = false;
		});
	});

	toggle.addEventListener("click", function () {
		panel.classList.toggle("open");
		if (panel.classList.contains("open")) {
			connect();
			text.focus();
		}
	});

	window.OmnisChat = { open: function () { panel.classList.add("open"); connect(); } };
	(document.body || document.documentElement).append(host);
})();

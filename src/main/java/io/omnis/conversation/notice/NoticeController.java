package io.omnis.conversation.notice;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.omnis.conversation.CustomerNotices;
import io.omnis.conversation.Notice;
import io.omnis.kernel.problem.ProblemException;

/**
 * {@code /api/v1/notices}: what Omnis told a customer on its own, and how it went out.
 */
@RestController
@RequestMapping(path = "/api/v1/notices", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Customer notices", description = "Messages Omnis sends customers on its own, and their outbox")
class NoticeController {

	private final CustomerNotices notices;

	NoticeController(CustomerNotices notices) {
		this.notices = notices;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('conversations:read')")
	@Operation(summary = "A customer's notices, newest first (at most 100)",
			description = "Requires `conversations:read`. `customer`: the profile id or identifier they were sent to.")
	NoticeList list(@RequestParam(required = false) String customer) {
		if (customer == null || customer.isBlank() || customer.length() > 300) {
			throw ProblemException.invalidField("customer", "is required: a profile id or an identifier");
		}
		return new NoticeList(notices.of(customer.strip(), 100));
	}

	record NoticeList(List<Notice> data) {
	}

}

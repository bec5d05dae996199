package io.omnis.inventory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.event.EventListener;

/**
 * Every StockLow and StockOut the inventory published, in order.
 */
@TestConfiguration(proxyBeanMethods = false)
class RecordedEvents {

	final List<Object> published = new CopyOnWriteArrayList<>();

	@EventListener
	void on(StockLow event) {
		published.add(event);
	}

	@EventListener
	void on(StockOut event) {
		published.add(event);
	}

}

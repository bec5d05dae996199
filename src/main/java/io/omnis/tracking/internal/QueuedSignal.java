package io.omnis.tracking.internal;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.stereotype.Component;

/**
 * Rung by collection on this node each time it has committed events to the resolution
 * queue, so that an idle resolver wakes at once instead of at its next poll. Events
 * queued by another node are found by the poll.
 */
@Component
public class QueuedSignal {

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition rung = lock.newCondition();

	private long count;

	/** Wakes every waiter: events were committed to the queue. */
	public void ring() {
		lock.lock();
		try {
			count++;
			rung.signalAll();
		}
		finally {
			lock.unlock();
		}
	}

	/** How many times it has rung so far: what a later {@link #await} compares with. */
	public long count() {
		lock.lock();
		try {
			return count;
		}
		finally {
			lock.unlock();
		}
	}

	/**
	 * Waits until it rings after {@code seen} (at once if it already has), or until the
	 * timeout.
	 * @return whether it rang
	 */
	public boolean await(long seen, Duration timeout) throws InterruptedException {
		long nanos = timeout.toNanos();
		lock.lock();
		try {
			while (count == seen) {
				if (nanos <= 0) {
					return false;
				}
				nanos = rung.awaitNanos(nanos);
			}
			return true;
		}
		finally {
			lock.unlock();
		}
	}

}

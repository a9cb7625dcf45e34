package io.rocklet.mq.client.protocol;

/**
 * The in-process long poll: registered with a pull that found nothing, called once when a message
 * lands in that queue. Runs on the appending thread right after its lock is released, so it must
 * only hand work over (unpark a worker, enqueue) and never block.
 */
@FunctionalInterface
public interface ArrivalListener {
    void onArrival();
}

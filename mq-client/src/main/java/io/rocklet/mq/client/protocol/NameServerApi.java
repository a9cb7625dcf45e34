package io.rocklet.mq.client.protocol;

/** The route table (RocketMQ's GET_ROUTEINFO_BY_TOPIC). */
public interface NameServerApi {
    /** The topic's route, or null when no live broker holds the topic. */
    TopicRoute route(String topic);

    /** Drops what is known of the topic's route, so the next {@link #route} asks again (after a failed send). */
    default void forget(String topic) {
    }
}

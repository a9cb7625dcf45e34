package io.rocklet.mq.client.protocol;

/**
 * A pull of one queue, with RocketMQ's header fields: the group, the offset to read from, how many
 * messages, the tag filter, and the group's commit offset carried along (COMMIT_OFFSET flag).
 */
public record PullRequest(String group, String topic, int queueId, long queueOffset, int maxMessages,
                          TagFilter filter, long commitOffset, ArrivalListener arrivalListener) {
}

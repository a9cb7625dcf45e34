package io.rocklet.mq.examples;

import java.util.Arrays;

/** Runs one example by name (default: the quick start). */
public final class Main {
    public static void main(String[] args) throws Exception {
        String name = args.length > 0 ? args[0] : "quickstart";
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        switch (name) {
            case "quickstart" -> QuickStart.main(rest);
            case "send-modes" -> SendModes.main(rest);
            case "groups" -> ClusteringVsBroadcasting.main(rest);
            case "pull" -> PullConsumerExample.main(rest);
            case "idempotent" -> IdempotentConsumer.main(rest);
            case "retry" -> RetryAndDeadLetters.main(rest);
            case "peak-shaving" -> PeakShaving.main(rest);
            case "ordered" -> OrderLifecycle.main(rest);
            case "delayed" -> PaymentTimeout.main(rest);
            case "transaction" -> OrderAndPoints.main(rest);
            case "network" -> OverTheNetwork.main(rest);
            default -> {
                System.err.println("examples: quickstart | send-modes | groups | pull | idempotent | retry | peak-shaving | ordered | delayed | transaction | network");
                System.exit(2);
            }
        }
    }
}

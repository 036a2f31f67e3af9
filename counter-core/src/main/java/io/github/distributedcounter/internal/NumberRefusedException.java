package io.github.distributedcounter.internal;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * DynamoDB refused an increment because it cannot store the new value: more than 38 significant digits, or a
 * magnitude out of its range. Nothing was written.
 */
final class NumberRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    NumberRefusedException() {
        super(null, null, false, false);
    }

    /**
     * Whether {@code e} is DynamoDB's refusal of a number: a {@code ValidationException} whose message is one of
     * those DynamoDB gives for numbers ("Number overflow. ...", "Number underflow. ...", "... 38 digits").
     */
    static boolean isCause(SdkException e) {
        if (!(e instanceof AwsServiceException service) || service.awsErrorDetails() == null
                || !"ValidationException".equals(service.awsErrorDetails().errorCode())) {
            return false;
        }
        String message = service.awsErrorDetails().errorMessage();
        return message != null && (message.startsWith("Number overflow") || message.startsWith("Number underflow")
                || message.contains("38 digits") || message.contains("38 significant digits"));
    }
}

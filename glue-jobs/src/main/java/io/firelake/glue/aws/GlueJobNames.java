package io.firelake.glue.aws;

import java.util.regex.Pattern;

/**
 * The names a stack gives its Glue jobs, as {@code sam/template.yaml} does ({@code ${AWS::StackName}-compaction} and
 * {@code ${AWS::StackName}-batch-views}): the one place {@code firelake batch --source aws} and the local endpoint's
 * copy of the template's jobs take them from.
 *
 * @param stack the CloudFormation stack name
 * @see <a href="https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateStack.html">stack names</a>
 */
public record GlueJobNames(String stack) {

    /** The stack name the docs deploy with, and the local pipeline's. */
    public static final String DEFAULT_STACK = "firelake";
    /** CloudFormation's rule for a stack name: a letter, then letters, digits and hyphens, 128 characters at most. */
    private static final Pattern STACK_NAME = Pattern.compile("[A-Za-z][-A-Za-z0-9]{0,127}");

    public GlueJobNames {
        if (stack == null || !STACK_NAME.matcher(stack).matches()) {
            throw new IllegalArgumentException("--stack '" + stack + "' is not a CloudFormation stack name (a letter, "
                    + "then letters, digits and hyphens, at most 128)");
        }
    }

    public String compaction() {
        return stack + "-compaction";
    }

    public String views() {
        return stack + "-batch-views";
    }
}

package io.firelake.local.deploy;

import io.firelake.athena.catalog.LakeTables;
import io.firelake.athena.glue.GlueCatalogSync;
import io.firelake.athena.template.ContractColumns;
import io.firelake.aws.client.AwsClientFactory;
import io.firelake.aws.client.ClientSettings;
import io.firelake.aws.client.SyncHttp;
import io.firelake.events.EventContract;
import io.firelake.events.contract.ContractEvolution.Verdict;
import io.firelake.events.contract.Contracts;
import software.amazon.awssdk.services.glue.GlueClient;

import java.io.PrintWriter;
import java.util.Optional;

/**
 * Before anything is deployed: can the contract the build wrote into the template (its {@code EventContract}
 * parameter) replace the one already deployed? The previous contract is read where it is deployed, in the Glue catalog:
 * the lake tables' columns ({@link io.firelake.events.contract.ContractEvolution#deployed}: a column removed or retyped
 * would leave the files already written unreadable) and the raw schema the raw table's parameters record
 * ({@link io.firelake.events.contract.RawSchemaParameters}, {@link io.firelake.events.contract.ContractEvolution#deployedRaw}:
 * a required raw field removed, a raw field retyped or a new required one would break the producers). Either is
 * refused with every reason; an added optional field is applied by the stack update. No table yet (a first deploy) is
 * nothing to compare.
 */
final class DeployedContractCheck {

    private DeployedContractCheck() {
    }

    /** The refusal, or empty when the deploy may go on; prints what it compared to {@code out}. */
    static Optional<String> refusal(String template, ClientSettings settings, String database, String where,
                                    PrintWriter out) {
        Optional<String> name = ContractColumns.builtFor(template);
        if (name.isEmpty()) {
            return Optional.empty(); // a template without the parameter deploys no contract's tables
        }
        EventContract next = Contracts.resolve(name.get());
        try (GlueClient glue = AwsClientFactory.of(settings).sync(GlueClient.builder(), SyncHttp.urlConnection()).build()) {
            return refusal(next, new GlueCatalogSync(glue, database), database, where, out);
        }
    }

    private static Optional<String> refusal(EventContract next, GlueCatalogSync catalog, String database, String where,
                                            PrintWriter out) {
        for (String table : LakeTables.CONTRACT_TABLES) {
            Optional<Verdict> verdict = catalog.evolution(table, next);
            if (verdict.isEmpty()) {
                out.println("contract " + next.name() + ": " + table + " not in Glue database " + database + " at "
                        + where + " yet (first deploy)");
            } else if (!verdict.get().compatible()) {
                return Optional.of(verdict.get().refusal(next.name()) + " (" + table + " in Glue database " + database
                        + " at " + where + "); nothing was deployed");
            } else {
                out.println("contract " + next.name() + " can replace the deployed one (" + table + "): "
                        + (verdict.get().additions().isEmpty() ? "same columns" : "adds " + String.join(", ",
                        verdict.get().additions())));
            }
        }
        return Optional.empty();
    }
}

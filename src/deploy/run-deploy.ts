import createCamundaClient from '@camunda8/orchestration-cluster-api';
import { localEngineClientConfig } from '../security/local-engine-client.js';
import { describeDeployment, lintAndDeployResources, PROJECT_ROOT } from './deploy-resources.js';

/**
 * `npm run deploy`: lints process-application/bpmn/ and deploys it with process-application/forms/ to the engine at CAMUNDA_REST_ADDRESS
 * (the client's default, http://localhost:8080, is where `npm start` serves the embedded engine,
 * whose generated credentials it reads from DATA_DIR; a cluster needs CAMUNDA_AUTH_STRATEGY and its
 * credentials), waiting up to DEPLOY_WAIT_MS (60 s) while a cluster that has just started answers
 * 401, 502–504 or refuses the connection, and prints what the engine now
 * runs with the versions it gave. Exits 1, deploying nothing, when a diagram fails bpmnlint or the
 * engine refuses the deployment.
 */
async function main(): Promise<void> {
  const summary = await lintAndDeployResources(createCamundaClient({ config: localEngineClientConfig() }), PROJECT_ROOT, {
    withinMs: Number(process.env.DEPLOY_WAIT_MS ?? 60_000),
    onWait: (error, delayMs) =>
      console.error(`The engine is not ready yet (${error.message}); trying again in ${Math.round(delayMs / 1000)} s`),
  });
  if (!summary) {
    console.log('Nothing to deploy: process-application/ hold no .bpmn or .form files.');
    return;
  }
  console.log(`Deployment ${summary.deploymentKey}:`);
  for (const line of describeDeployment(summary)) console.log(`  ${line}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

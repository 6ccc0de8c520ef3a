import createCamundaClient from '@camunda8/orchestration-cluster-api';
import { deployResources, describeDeployment } from './deploy-resources.js';

/**
 * `npm run deploy`: deploys bpmn/ and forms/ to the engine at CAMUNDA_REST_ADDRESS (the client's
 * default, http://localhost:8080, is where `npm start` serves the embedded engine), and prints
 * what the engine now runs.
 */
async function main(): Promise<void> {
  const summary = await deployResources(createCamundaClient());
  if (!summary) {
    console.log('Nothing to deploy: bpmn/ and forms/ hold no .bpmn or .form files.');
    return;
  }
  console.log(`Deployment ${summary.deploymentKey}:`);
  for (const line of describeDeployment(summary)) console.log(`  ${line}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

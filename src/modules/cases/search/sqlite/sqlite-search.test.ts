import { runKindsContract, runSearchContract } from '../search-engine.contract.ts';
import { loadConfig } from '../../../../kernel/config/config.ts';
import { boot, closeServices } from '../../../../app/boot.ts';
import { tempDbPath } from '../../../../../test/helpers/test-app.ts';

runSearchContract('sqlite', async () => {
  const services = await boot(loadConfig({ PALERMO_DB_PATH: tempDbPath(), PALERMO_LOG_LEVEL: 'silent' }, {}, null));
  return { services, close: () => closeServices(services) };
});

runKindsContract('sqlite', async (sources) => {
  const config = loadConfig({ PALERMO_DB_PATH: tempDbPath(), PALERMO_LOG_LEVEL: 'silent' }, {}, null);
  const services = await boot(config, { extraSources: () => sources });
  return { services, close: () => closeServices(services) };
});

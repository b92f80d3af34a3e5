import { startTestApp, TestApp } from '../support/app';
import { Factory } from '../factories';
import { MonitoringFactory, csv } from '../factories/monitoring';
import { upload } from '../support/monitoring';

let app: TestApp;
let f: MonitoringFactory;
beforeAll(async () => {
  app = await startTestApp();
  f = new MonitoringFactory(app.orm, new Factory(app.orm));
});
afterAll(() => app.close());

it('smoke', async () => {
  const cf = await f.coordinationFunction();
  const token = await app.tokenFor({ role: 'PROVIDER_SUBMITTER', provider: cf });
  const s = await upload(app, csv([`${cf.agb};2024;JAAR;GRZ;10;8;1`, `${cf.agb};2024;JAAR;OVERIG;5;3;0`]), { token });
  console.log(JSON.stringify(s, null, 1));
  const again = await upload(app, csv([`${cf.agb};2024;JAAR;GRZ;10;8;1`, `${cf.agb};2024;JAAR;OVERIG;5;3;0`]), { token });
  console.log(JSON.stringify(again));
  expect(app.errors).toEqual([]);
});

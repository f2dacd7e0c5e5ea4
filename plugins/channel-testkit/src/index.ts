export { FakeDeliveries } from './fakeDeliveries.ts';
export {
  loadChannelPlugin,
  type LoadedChannelPlugin,
  type LoadOptions,
} from './loadChannelPlugin.ts';
export {
  formFields,
  startProviderStub,
  type ProviderStub,
  type ReceivedRequest,
  type StubReply,
} from './providerStub.ts';

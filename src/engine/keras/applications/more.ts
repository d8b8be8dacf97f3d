// The keras.applications beyond ResNet, VGG and DenseNet, each file a port of Keras' own.
import type { Application } from './builder';
import { CONVNEXTS } from './convnext';
import { EFFICIENTNETS } from './efficientnet';
import { INCEPTIONS } from './inception';
import { MOBILENETS } from './mobilenet';

export const MORE_APPLICATIONS: Readonly<Record<string, Application>> = {
  ...MOBILENETS,
  ...EFFICIENTNETS,
  ...INCEPTIONS,
  ...CONVNEXTS,
};

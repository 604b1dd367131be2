export const kube = {};

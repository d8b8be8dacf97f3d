"""A segmentation head that reads an image and a mask: two conv branches joined by Concatenate."""
import keras
from keras import layers

image = keras.Input(shape=(None, None, 3), name="image")
mask = keras.Input(shape=(None, None, 1), name="mask")

x = layers.Conv2D(16, 3, activation="relu")(image)
x = layers.MaxPooling2D(2)(x)
m = layers.Conv2D(8, 3, activation="relu")(mask)
m = layers.MaxPooling2D(2)(m)

merged = layers.Concatenate()([x, m])
logits = layers.Conv2D(1, 1)(merged)
model = keras.Model(inputs=[image, mask], outputs=logits)

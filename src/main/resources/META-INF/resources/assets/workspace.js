document.getElementById("workspace").textContent = "";
